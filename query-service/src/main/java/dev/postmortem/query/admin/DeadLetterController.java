package dev.postmortem.query.admin;

import dev.postmortem.kit.problem.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/**
 * {@code /api/admin/dead-letters}: what the projections parked and why, and retrying it (ADMIN, as every
 * {@code /api/admin} path). A retry answers once the record is back on the event topic; whether it applied this time
 * shows in the view, or as a new dead letter whose {@code retryOf} names this one.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    DeadLetters.Page list(@RequestParam(required = false) String postMortemId,
                          @RequestParam(defaultValue = "0") @Min(0) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return deadLetters.list(postMortemId, page, size);
    }

    @PostMapping("/{id}/retry")
    DeadLetter retry(@PathVariable String id, Principal operator) {
        return deadLetters.retry(id, operator.getName());
    }

    @PostMapping("/retry")
    List<DeadLetter> retryAll(@RequestParam String postMortemId, Principal operator) {
        return deadLetters.retryAll(postMortemId, operator.getName());
    }

    @ExceptionHandler(DeadLetters.NotFoundException.class)
    ResponseEntity<Object> notFound(DeadLetters.NotFoundException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found", ex.getMessage(), "id");
    }

    @ExceptionHandler(DeadLetters.AlreadyRetriedException.class)
    ResponseEntity<Object> alreadyRetried(DeadLetters.AlreadyRetriedException ex) {
        return Problems.of(HttpStatus.CONFLICT, "dead-letter-already-retried", "Dead letter already retried", ex.getMessage(), "id");
    }

    @ExceptionHandler(DeadLetters.UnavailableException.class)
    ResponseEntity<Object> unavailable(DeadLetters.UnavailableException ex) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dead-letters-unavailable", "Dead letters unavailable",
                "Kafka did not answer; nothing was retried. " + ex.getMessage(), null);
    }
}
