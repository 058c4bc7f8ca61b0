package dev.postmortem.kit.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The error page: what a request gets when it is refused outside Spring MVC's handlers, through
 * {@code sendError} — e.g. by Spring Security's firewall for a path with {@code ..}, {@code //} or an encoded
 * slash. Spring Boot's default answers {@code application/json} in a shape of its own; this answers a problem
 * document like every other error. Not an API endpoint: hidden from the OpenAPI document.
 */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number && number >= 400 ? number : 500;
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            known = status < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return Problems.withErrors(known, Problems.statusSlug(known.value()), known.getReasonPhrase(),
                "The request was refused before it reached the API (" + known.value() + " " + known.getReasonPhrase() + ").", List.of());
    }
}
