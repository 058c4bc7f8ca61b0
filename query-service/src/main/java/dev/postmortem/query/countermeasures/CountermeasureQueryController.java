package dev.postmortem.query.countermeasures;

import dev.postmortem.kit.problem.Problems;
import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.readmodel.PageResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Countermeasures across the whole organisation, for follow-up: whose, in what state, which are overdue. */
@RestController
class CountermeasureQueryController {

    private static final Set<String> STATUSES = Set.of("PROPOSED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "DECLINED");

    private final CountermeasureQueries queries;
    private final Clock clock;
    private final QueryProperties properties;

    CountermeasureQueryController(CountermeasureQueries queries, Clock clock, QueryProperties properties) {
        this.queries = queries;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * {@code overdue=true}: open (not completed or declined) and the target date has passed.
     * {@code revisitDue=true}: completed, and the configured period ({@code postmortem.query.revisit-after}, 90 days
     * by default) has passed since its completion or its last revisit — time to check it still works.
     */
    @GetMapping("/api/countermeasures")
    PageResult<CountermeasureDocument> list(
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String postMortemId,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "false") boolean revisitDue,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        String wantedStatus = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wantedStatus != null && !STATUSES.contains(wantedStatus)) {
            throw Problems.badParameter("status", "'" + status + "' is not a status; one of " + STATUSES);
        }
        Instant revisitCutoff = revisitDue ? clock.instant().minus(properties.revisitAfter()) : null;
        return queries.countermeasures(new CountermeasureQueries.CountermeasureFilter(owner, wantedStatus, postMortemId,
                overdue ? LocalDate.now(clock) : null, revisitCutoff), page, size);
    }

    /** Per owner: how many countermeasures are open, overdue, due for a revisit, completed and declined. */
    @GetMapping("/api/countermeasures/owners")
    List<CountermeasureQueries.OwnerFollowThrough> owners() {
        return queries.followThroughByOwner(LocalDate.now(clock), clock.instant().minus(properties.revisitAfter()));
    }
}
