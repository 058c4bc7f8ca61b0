package dev.postmortem.web.pages;

import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.BackendUnavailable;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a page shows when a service refuses or is away: an unknown and a restricted post-mortem look the same (the
 * services answer both alike), a service that is away gets a page saying which and that nothing was lost.
 */
@ControllerAdvice
public class Pages {

    @ExceptionHandler(BackendProblem.class)
    ModelAndView refused(BackendProblem problem) {
        if (problem.notFound()) {
            return message(HttpStatus.NOT_FOUND, "Not found", "There is no such post-mortem, or it is not yours to see.");
        }
        if (problem.status() == 403) {
            return message(HttpStatus.FORBIDDEN, "Not allowed", "Your roles do not allow this. " + problem.getMessage());
        }
        HttpStatus status = HttpStatus.resolve(problem.status());
        return message(status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status, "Something was refused",
                problem.getMessage());
    }

    @ExceptionHandler(BackendUnavailable.class)
    ModelAndView away(BackendUnavailable away) {
        return message(HttpStatus.SERVICE_UNAVAILABLE, "A service is not answering",
                "The " + away.service() + " did not answer. Nothing you saved before is lost; try again in a moment.");
    }

    private static ModelAndView message(HttpStatus status, String heading, String message) {
        ModelAndView page = new ModelAndView("message");
        page.setStatus(status);
        page.addObject("heading", heading);
        page.addObject("pageTitle", heading);
        page.addObject("message", message);
        return page;
    }

    public static void title(Model model, String title) {
        model.addAttribute("pageTitle", title);
    }

    /** An uploaded file's own name, without the folders a browser may send with it, at most 100 characters. */
    public static String fileName(String uploaded, String none) {
        if (uploaded == null || uploaded.isBlank()) {
            return none;
        }
        String name = uploaded.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
