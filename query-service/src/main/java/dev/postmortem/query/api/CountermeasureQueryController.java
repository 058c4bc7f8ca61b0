package dev.postmortem.query.api;

import dev.postmortem.query.projection.CountermeasureDocument;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/** Countermeasures across the whole organisation, for follow-up: whose, in what state, which are overdue. */
@RestController
class CountermeasureQueryController {

    private static final Set<String> STATUSES = Set.of("PROPOSED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "DECLINED");

    private final PostMortemQueries queries;
    private final Clock clock;

    CountermeasureQueryController(PostMortemQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** {@code overdue=true}: open (not completed or declined) and the target date has passed. */
    @GetMapping("/api/countermeasures")
    PostMortemQueries.PageResult<CountermeasureDocument> list(
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String postMortemId,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        String wantedStatus = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wantedStatus != null && !STATUSES.contains(wantedStatus)) {
            throw new QueryProblems.BadParameterException("status", "'" + status + "' is not a status; one of " + STATUSES);
        }
        return queries.countermeasures(owner, wantedStatus, postMortemId, overdue, LocalDate.now(clock), page, size);
    }
}
