package dev.postmortem.query.search;

import dev.postmortem.query.view.PostMortemView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the index holds of a post-mortem: English-analysed text, keywords for filters and facets, dates, and the
 * whole view (stored, not indexed) so that the search projection can fold the next event onto it.
 */
public record SearchDocument(String id, String title, String summary, String remediation, String additionalInfo,
                             String rootCause, String timeline, String fiveWhys, String countermeasures, List<String> tags,
                             String severity, String status, List<String> owners, List<String> stakeholders,
                             List<String> services, List<String> teams, Instant incidentStart, Instant incidentEnd,
                             Instant createdAt, Instant publishedAt, Instant lastChangedAt, long version, List<String> visibleTo,
                             PostMortemView view) {

    static SearchDocument of(PostMortemView view) {
        String timeline = view.timeline.stream().filter(entry -> !entry.withdrawn)
                                       .map(entry -> join(entry.description, entry.effect)).collect(Collectors.joining("\n"));
        String whys = view.fiveWhys.stream().map(why -> join(why.question, why.answer)).collect(Collectors.joining("\n"));
        String countermeasures = view.countermeasures.stream().map(c -> join(c.title, c.description))
                                                     .collect(Collectors.joining("\n"));
        List<String> owners = view.countermeasures.stream().map(c -> c.owner).filter(Objects::nonNull).distinct().toList();
        List<String> stakeholders = view.stakeholders.stream().map(s -> s.name).toList();
        return new SearchDocument(view.id, view.title, view.summary, view.remediation, view.additionalInfo, view.rootCause,
                timeline, whys, countermeasures, view.tags, view.severity, view.status, owners, stakeholders,
                view.affectedServices, view.owningTeams, view.times.get("start"), view.times.get("end"), view.createdAt,
                view.publishedAt, view.lastChangedAt, view.version, view.visibleTo, view);
    }

    private static String join(String... parts) {
        return Stream.of(parts).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" — "));
    }
}
