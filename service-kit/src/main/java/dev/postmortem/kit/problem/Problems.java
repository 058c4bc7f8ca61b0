package dev.postmortem.kit.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * RFC 9457 problem documents as both services write them (types in docs/problems.md): the standard members and
 * {@code errors}, a list of {@code {field, message}} naming each request part at fault — empty when none is.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:problem-type:postmortem:";

    /** One request part at fault: a JSON path into the body, a path variable, a parameter or a header. */
    public record FieldError(String field, String message) {
    }

    private Problems() {
    }

    public static ResponseEntity<Object> withErrors(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.copyOf(errors));
        // Set here rather than negotiated: a problem is problem+json whatever the request's Accept header says.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A problem naming one {@code field} at fault with the detail as its message, or none when {@code field} is null. */
    public static ResponseEntity<Object> of(HttpStatus status, String type, String title, String detail, String field) {
        return withErrors(status, type, title, detail, field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    /** The problem type of an HTTP-level error without a type of its own: the status's name, e.g. {@code bad-request}. */
    public static String statusSlug(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A parameter that is well-formed but not acceptable, e.g. a version the post-mortem never had: a 400 naming it. */
    public static BadParameterException badParameter(String field, String message) {
        return new BadParameterException(field, message);
    }

    /** Answered as a 400 {@code validation-failed} problem with the parameter as the field at fault. */
    public static final class BadParameterException extends RuntimeException {
        private final String field;

        public BadParameterException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
