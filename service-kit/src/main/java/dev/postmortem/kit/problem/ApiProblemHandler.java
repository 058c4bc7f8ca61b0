package dev.postmortem.kit.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;

/**
 * What both services' problem handlers share (each extends it with its own errors): Spring MVC's own exceptions and
 * anything unexpected become problem documents of this API too, always {@code application/problem+json} and always
 * with an {@code errors} list, so that clients can rely on both.
 */
public abstract class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    /** Spring Security's firewall refuses what it finds unsafe (e.g. a parameter name with control characters) while a handler reads it. */
    @ExceptionHandler(RequestRejectedException.class)
    public ResponseEntity<Object> rejected(RequestRejectedException ex) {
        return Problems.withErrors(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", "The request was refused as unsafe: " + ex.getMessage(),
                List.of());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception ex) {
        log.error("Unexpected error while handling a request", ex);
        return Problems.withErrors(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The server failed to handle the request; the error has been logged.", List.of());
    }

    /**
     * Spring's own exceptions (unknown path, wrong method or media type, ...) get a problem type of this API and an
     * empty {@code errors} list.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, Object body, @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode, @NonNull WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(Problems.TYPE_PREFIX + Problems.statusSlug(statusCode.value())));
            if (problem.getProperties() == null || !problem.getProperties().containsKey("errors")) {
                problem.setProperty("errors", List.of());
            }
        }
        if (response != null && response.getBody() instanceof ProblemDetail) {
            // Set, not negotiated: content negotiation would turn a problem for an unsatisfiable Accept into an empty 406.
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                                 .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
        }
        return response;
    }
}
