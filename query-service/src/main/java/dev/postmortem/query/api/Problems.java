package dev.postmortem.query.api;

import org.springframework.http.HttpStatus;
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
        return ResponseEntity.status(status).body(problem);
    }
}
