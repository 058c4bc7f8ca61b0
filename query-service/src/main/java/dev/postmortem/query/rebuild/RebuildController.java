package dev.postmortem.query.rebuild;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** {@code POST /api/admin/rebuild}: replays the whole topic into fresh collections and switches over. */
@RestController
class RebuildController {

    private final RebuildService rebuilds;

    RebuildController(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    /**
     * {@code produces} makes Spring check the Accept header when choosing the handler: a client that cannot take
     * JSON gets 406 before a rebuild starts, not after one has run.
     */
    @PostMapping(path = "/api/admin/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    RebuildService.Result rebuild() {
        return rebuilds.rebuild();
    }

    @ExceptionHandler(RebuildService.RebuildAlreadyRunningException.class)
    ResponseEntity<ProblemDetail> alreadyRunning(RebuildService.RebuildAlreadyRunningException ex) {
        return problem(HttpStatus.CONFLICT, "rebuild-running", "Rebuild already running", ex.getMessage());
    }

    /** 503 with Retry-After: the service is fine, its projections were not ready to hand over yet. */
    @ExceptionHandler(RebuildService.ProjectionsBusyException.class)
    ResponseEntity<ProblemDetail> projectionsBusy(RebuildService.ProjectionsBusyException ex) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "rebuild-unavailable",
                "Projections not ready for a rebuild", ex.getMessage());
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).header(HttpHeaders.RETRY_AFTER, "10")
                             .body(problem.getBody());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:problem-type:postmortem:" + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
