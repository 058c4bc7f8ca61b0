package dev.postmortem.query.postmortem;

import dev.postmortem.kit.problem.Problems;
import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.failclosed.Stuck;
import dev.postmortem.query.readmodel.PageResult;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.web.QueryProblems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Post-mortems as they are now, as they were, how they changed. */
@RestController
@RequestMapping("/api/postmortems")
class PostMortemQueryController {

    /** Sort keys the list accepts, and the stored field each stands for. */
    private static final Map<String, String> SORTS = Map.of(
            "lastChangedAt", "lastChangedAt", "createdAt", "createdAt", "title", "title", "severity", "severity",
            "incidentStart", "times.start", "publishedAt", "publishedAt");

    private final PostMortemQueries queries;
    private final QueryProperties properties;
    private final Clock clock;

    PostMortemQueryController(PostMortemQueries queries, QueryProperties properties, Clock clock) {
        this.clock = clock;
        this.queries = queries;
        this.properties = properties;
    }

    /**
     * The current view, or with {@code asOf} the post-mortem exactly as it stood then. With {@code minVersion} the
     * answer waits (bounded) until the view has caught up with a write that returned that version.
     */
    @GetMapping("/{id}")
    ResponseEntity<PostMortemView> get(@PathVariable String id,
                                       @RequestParam(required = false) Instant asOf,
                                       @RequestParam(required = false) @Min(0) Long minVersion) {
        PostMortemView view = queries.lookup(id, asOf, minVersion);
        return ResponseEntity.ok().eTag("\"" + view.version + "\"").body(view);
    }

    @GetMapping
    PageResult<PostMortemSummary> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 200) String createdBy,
            @RequestParam(defaultValue = "false") boolean awaitingMyReview,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(defaultValue = "lastChangedAt,desc")
            @Pattern(regexp = "[A-Za-z]+(,(asc|desc|ASC|DESC))?", message = "must be FIELD or FIELD,asc|desc") String sort) {
        String[] fieldAndDirection = sort.split(",");
        String field = SORTS.get(fieldAndDirection[0]);
        if (field == null) {
            throw Problems.badParameter("sort", "cannot sort by '" + fieldAndDirection[0] + "'; one of " + SORTS.keySet());
        }
        Sort.Direction direction = fieldAndDirection.length > 1 && fieldAndDirection[1].equalsIgnoreCase("asc")
                ? Sort.Direction.ASC : Sort.Direction.DESC;
        var result = queries.list(upper(status), upper(severity), tag == null ? null : tag.strip().toLowerCase(Locale.ROOT), createdBy,
                awaitingMyReview ? Viewer.current() : null, page, size, Sort.by(new Sort.Order(direction, field), Sort.Order.asc("_id")));
        return new PageResult<>(result.items().stream().map(PostMortemSummary::of).toList(),
                result.page(), result.size(), result.total());
    }

    /**
     * "On this day": incidents whose start was a whole number of years ago, within {@code days} of {@code date} (today
     * by default, UTC) — the practice's "revisit post-mortems from time to time".
     */
    @GetMapping("/on-this-day")
    OnThisDay onThisDay(@RequestParam(required = false) LocalDate date,
                        @RequestParam(defaultValue = "3") @Min(0) @Max(14) int days,
                        @RequestParam(defaultValue = "10") @Min(1) @Max(50) int size) {
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (day.getYear() < 1971 || day.getYear() > 2199) {
            throw Problems.badParameter("date", "a day from 1971 up to 2199");
        }
        List<OnThisDay.Incident> items = queries.onThisDay(day, days, size).stream()
                .map(view -> new OnThisDay.Incident(yearsBetween(LocalDate.ofInstant(view.times.get("start"), ZoneOffset.UTC), day),
                        PostMortemSummary.of(view))).toList();
        return new OnThisDay(day, days, items);
    }

    /** Whole years, rounded: an incident of 2024-12-31 shown on 2026-01-02 was one year ago, not two. */
    static int yearsBetween(LocalDate then, LocalDate now) {
        return (int) Math.round(ChronoUnit.DAYS.between(then, now) / 365.2425);
    }

    /** Past incidents of this time of the year: how many years ago each was. */
    record OnThisDay(LocalDate date, int days, List<Incident> items) {
        record Incident(int yearsAgo, PostMortemSummary postMortem) {
        }
    }

    /** Who changed what and when, old → new: one entry per event, oldest first, a page at a time. */
    @GetMapping("/{id}/history")
    PageResult<HistoryEntry> history(@PathVariable String id,
                                                       @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                                                       @RequestParam(defaultValue = "100") @Min(1) @Max(1_000) int size) {
        PageResult<HistoryEntry> entries = queries.history(id, page, size);
        if (entries.total() == 0) {
            throw QueryProblems.postMortemNotFound(id);
        }
        return entries;
    }

    /** Field-by-field differences between two versions (folded from the events, not from snapshots). */
    @GetMapping("/{id}/diff")
    Diff diff(@PathVariable String id, @RequestParam @Min(0) long from, @RequestParam @Min(0) long to) {
        PostMortemView current = queries.view(id).orElseThrow(() -> QueryProblems.postMortemNotFound(id));
        for (var version : Map.of("from", from, "to", to).entrySet()) {
            if (version.getValue() > current.version) {
                throw Problems.badParameter(version.getKey(), "post-mortem " + id + " has versions 0 to "
                        + current.version + ", not " + version.getValue());
            }
        }
        PostMortemView before = queries.atVersion(id, from).orElseThrow(() -> QueryProblems.postMortemNotFound(id));
        PostMortemView after = queries.atVersion(id, to).orElseThrow(() -> QueryProblems.postMortemNotFound(id));
        return new Diff(id, from, to, ViewChanges.between(before, after));
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    record Diff(String postMortemId, long from, long to, List<ViewChanges.Change> changes) {
    }

    /**
     * A post-mortem in a list; {@code submittedBy} and {@code submittedAt}: who last submitted it for review, and when
     * (a reviewer's list shows them). {@code stuck} only ever shows to admins (nobody else is shown a stuck one).
     */
    record PostMortemSummary(String id, String title, String status, String severity, List<String> tags, Instant incidentStart,
                             Instant createdAt, String createdBy, Instant lastChangedAt, Instant publishedAt, String submittedBy,
                             Instant submittedAt, long version, Stuck stuck) {
        static PostMortemSummary of(PostMortemView view) {
            return new PostMortemSummary(view.id, view.title, view.status, view.severity, view.tags, view.times.get("start"),
                    view.createdAt, view.createdBy, view.lastChangedAt, view.publishedAt, view.review.submittedBy, view.review.submittedAt,
                    view.version, view.stuck);
        }
    }
}
