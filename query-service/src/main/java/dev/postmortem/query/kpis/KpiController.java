package dev.postmortem.query.kpis;

import dev.postmortem.api.value.IncidentTimes;
import dev.postmortem.kit.problem.Problems;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.projection.Scan;
import dev.postmortem.query.security.Viewer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * KPIs over a period, overall and grouped by month, severity or tag: times to detect, resolve, meet and publish, and
 * countermeasure follow-through. {@code measureFrom} recomputes detect and resolve times from another incident
 * time (e.g. first user impact) without any replay: the facts are kept raw.
 * <p>
 * Every figure — counts, means, groups and their keys, details — is computed from the post-mortems the asker may see,
 * and from nothing else: an aggregate over a restricted post-mortem leaks it as soon as a period, a group or a time
 * name singles it out (a one-day window gives its exact times; {@code groupBy=tag} its tags). So the organisation's
 * figures differ between a reader and a member of a restricted post-mortem's group; stuck post-mortems count for
 * admins only (fail closed).
 */
@RestController
class KpiController {

    private final MongoTemplate mongo;
    private final Clock clock;

    KpiController(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping("/api/kpis")
    KpiCalculator.Report kpis(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @RequestParam(required = false) String groupBy,
                              @RequestParam(defaultValue = "start") String measureFrom,
                              @RequestParam(defaultValue = "false") boolean details) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problems.badParameter("to", "must be after 'from' (" + from + "); the period is [from, to)");
        }
        String grouping = groupBy == null || groupBy.isBlank() ? null : groupBy.strip().toLowerCase(Locale.ROOT);
        if (grouping != null && !KpiCalculator.GROUPINGS.contains(grouping)) {
            throw Problems.badParameter("groupBy", "'" + groupBy + "' is not a grouping; one of " + KpiCalculator.GROUPINGS);
        }
        String measuredFrom = IncidentTimes.normalise(measureFrom);
        if (!IncidentTimes.isValidName(measuredFrom)) {
            throw Problems.badParameter("measureFrom", "'" + measureFrom + "' is not an incident time name, e.g. "
                    + IncidentTimes.WELL_KNOWN);
        }
        Viewer viewer = Viewer.current();
        List<KpiFacts> visible = Scan.all(mongo, new Query(), KpiFacts.class, ProjectionCollections.LIVE.kpiFacts()).stream()
                                      .filter(facts -> facts.version >= 0 && viewer.maySee(facts.visibleTo, facts.stuck)).toList();
        return KpiCalculator.compute(visible, new KpiCalculator.Query(from, to, grouping, measuredFrom, details, LocalDate.now(clock)));
    }
}
