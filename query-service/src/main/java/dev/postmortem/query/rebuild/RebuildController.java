package dev.postmortem.query.rebuild;

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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(URI.create("urn:problem-type:postmortem:rebuild-running"));
        problem.setTitle("Rebuild already running");
        problem.setProperty("errors", List.of());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
