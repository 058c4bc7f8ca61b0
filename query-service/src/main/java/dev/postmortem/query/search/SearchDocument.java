package dev.postmortem.query.search;

import dev.postmortem.query.postmortem.PostMortemView;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the index holds of a post-mortem: English-analysed text, keywords for filters and facets, dates, and the
 * whole view (stored, not indexed) so that the search projection can fold the next event onto it.
 * <p>
 * The text of an open post-mortem goes into the top-level text fields, scored by BM25; that of a restricted one into
 * {@code restricted.*}, scored by Elasticsearch's {@code boolean} similarity. BM25 weighs a word by how rare it is among
 * all documents with that field (and by the field lengths there), so restricted text in the same fields would change
 * the scores of open post-mortems — an oracle for whether some restricted post-mortem holds a word. Restricted text
 * never enters those statistics, and the boolean similarity uses none: a restricted hit's score is the sum of the
 * boosts of the fields that matched, whatever else is in the index.
 */
public record SearchDocument(String id, String title, String summary, String remediation, String additionalInfo,
                             String rootCause, String timeline, String fiveWhys, String countermeasures, String labels, Text restricted,
                             List<String> tags, String severity, String status, List<String> owners, List<String> stakeholders,
                             List<String> services, List<String> teams, Instant incidentStart, Instant incidentEnd,
                             Instant createdAt, Instant publishedAt, Instant lastChangedAt, long version, List<String> visibleTo,
                             boolean stuck, PostMortemView view) {

    /**
     * The searchable text of a post-mortem, field by field. {@code labels} are its tags, affected services and owning
     * teams as words ({@code connection-pool} is found by "connection pool"), and the linked incident's tool and id: chosen
     * words, weighed above the prose.
     */
    public record Text(String title, String summary, String remediation, String additionalInfo, String rootCause, String timeline,
                       String fiveWhys, String countermeasures, String labels) {

        static Text of(PostMortemView view) {
            String timeline = view.timeline.stream().filter(entry -> !entry.withdrawn)
                                           .map(entry -> join(entry.description, entry.effect)).collect(Collectors.joining("\n"));
            String whys = view.fiveWhys.stream().map(why -> join(why.question, why.answer)).collect(Collectors.joining("\n"));
            String countermeasures = view.countermeasures.stream().map(c -> join(c.title, c.description))
                                                         .collect(Collectors.joining("\n"));
            // The incident's tool and id too, so that a search for the id in the paging tool finds its post-mortem.
            List<String> incident = view.incident == null ? List.of() : List.of(view.incident.provider, view.incident.incidentId);
            String labels = Stream.of(view.tags, view.affectedServices, view.owningTeams, incident).flatMap(List::stream)
                                  .collect(Collectors.joining(" "));
            return new Text(view.title, view.summary, view.remediation, view.additionalInfo, view.rootCause, timeline, whys,
                    countermeasures, labels);
        }
    }

    static SearchDocument of(PostMortemView view) {
        Text text = Text.of(view);
        boolean restricted = view.visibleTo != null && !view.visibleTo.isEmpty();
        Text open = restricted ? new Text(null, null, null, null, null, null, null, null, null) : text;
        List<String> owners = view.countermeasures.stream().map(c -> c.owner).filter(Objects::nonNull).distinct().toList();
        List<String> stakeholders = view.stakeholders.stream().map(s -> s.name).toList();
        return new SearchDocument(view.id, open.title(), open.summary(), open.remediation(), open.additionalInfo(), open.rootCause(),
                open.timeline(), open.fiveWhys(), open.countermeasures(), open.labels(), restricted ? text : null, view.tags, view.severity,
                view.status, owners, stakeholders, view.affectedServices, view.owningTeams, view.times.get("start"),
                view.times.get("end"), view.createdAt, view.publishedAt, view.lastChangedAt, view.version, view.visibleTo,
                view.stuck != null, view);
    }

    private static String join(String... parts) {
        return Stream.of(parts).filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(" — "));
    }
}
