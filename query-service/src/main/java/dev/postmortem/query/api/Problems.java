package dev.postmortem.query.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem responses of the query API (types in docs/problems.md), naming the field at fault. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:problem-type:postmortem:";

    private Problems() {
    }

    public static ResponseEntity<Object> of(HttpStatus status, String type, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        problem.setProperty("errors", field == null ? List.of() : List.of(Map.of("field", field, "message", detail)));
        // Set here rather than negotiated: a problem is problem+json whatever the request's Accept header says.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The problem type of an HTTP-level error without a type of its own: the status's name, e.g. {@code bad-request}. */
    public static String statusSlug(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase().replace('_', '-');
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
