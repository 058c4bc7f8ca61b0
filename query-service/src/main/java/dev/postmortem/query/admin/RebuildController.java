package dev.postmortem.query.admin;

import dev.postmortem.kit.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

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
    ResponseEntity<Object> alreadyRunning(RebuildService.RebuildAlreadyRunningException ex) {
        return Problems.of(HttpStatus.CONFLICT, "rebuild-running", "Rebuild already running", ex.getMessage(), null);
    }

    /** 503 with Retry-After: the service is fine, its projections were not ready to hand over yet. */
    @ExceptionHandler(RebuildService.ProjectionsBusyException.class)
    ResponseEntity<Object> projectionsBusy(RebuildService.ProjectionsBusyException ex) {
        ResponseEntity<Object> problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "rebuild-unavailable",
                "Projections not ready for a rebuild", ex.getMessage(), null);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).header(HttpHeaders.RETRY_AFTER, "10")
                             .body(problem.getBody());
    }
}
