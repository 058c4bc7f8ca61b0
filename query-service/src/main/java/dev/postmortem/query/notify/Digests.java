package dev.postmortem.query.notify;

import dev.postmortem.kit.security.Contacts.Contact;
import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.countermeasures.CountermeasureDocument;
import dev.postmortem.query.projection.ProjectionCollections;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily digest: per owner, one e-mail with every countermeasure of theirs that is overdue (open, its target date
 * past) or due for an effectiveness revisit ({@code postmortem.query.revisit-after} after completion or the last
 * revisit) — not one message per item. Read from the countermeasures the views keep; an owner gets only those of
 * post-mortems they may see, and nothing of a post-mortem stuck in the views. One digest per owner and day: the day
 * and owner are its id, so running it twice the same day sends nothing more.
 */
@Component
public class Digests {

    private static final List<String> OPEN = List.of("PROPOSED", "ASSIGNED", "IN_PROGRESS");

    private final MongoTemplate mongo;
    private final People people;
    private final Outbox outbox;
    private final Letters letters;
    private final QueryProperties query;
    private final NotifyProperties properties;
    private final Clock clock;

    Digests(MongoTemplate mongo, People people, Outbox outbox, Letters letters, QueryProperties query, NotifyProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.people = people;
        this.outbox = outbox;
        this.letters = letters;
        this.query = query;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(LocalDate day, int owners, int queued) {
    }

    /** Puts today's digests in the outbox; @return for how many owners there was something, and how many were new. */
    public Run run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, properties.digest().zone());
        Instant revisitDueBefore = now.minus(query.revisitAfter());
        Criteria notStuck = new Criteria().orOperator(Criteria.where("stuck").is(null), Criteria.where("stuck").is(false));
        Criteria due = new Criteria().orOperator(
                Criteria.where("status").in(OPEN).and("targetDate").lt(today),
                new Criteria().andOperator(Criteria.where("status").is("COMPLETED"), new Criteria().orOperator(
                        Criteria.where("lastRevisitedAt").is(null).and("completedAt").lte(revisitDueBefore),
                        Criteria.where("lastRevisitedAt").lte(revisitDueBefore))));
        Query dueNow = Query.query(new Criteria().andOperator(Criteria.where("owner").ne(null), notStuck, due));
        Map<String, List<CountermeasureDocument>> byOwner = new TreeMap<>();
        for (CountermeasureDocument countermeasure : mongo.find(dueNow, CountermeasureDocument.class, ProjectionCollections.LIVE.countermeasures())) {
            byOwner.computeIfAbsent(countermeasure.owner(), owner -> new ArrayList<>()).add(countermeasure);
        }
        int owners = 0;
        int queued = 0;
        for (Map.Entry<String, List<CountermeasureDocument>> entry : byOwner.entrySet()) {
            Contact owner = people.linkedTo(entry.getKey()).orElse(null);
            if (owner == null || owner.email() == null) {
                continue;
            }
            List<Letters.DigestItem> overdue = new ArrayList<>();
            List<Letters.DigestItem> revisits = new ArrayList<>();
            entry.getValue().stream().filter(c -> People.maySee(owner, c.visibleTo()))
                 .sorted(Comparator.comparing(CountermeasureDocument::postMortemId).thenComparing(CountermeasureDocument::id))
                 .forEach(c -> (OPEN.contains(c.status()) ? overdue : revisits)
                         .add(new Letters.DigestItem(c.postMortemId(), c.postMortemTitle(), c.title(), c.targetDate())));
            if (overdue.isEmpty() && revisits.isEmpty()) {
                continue;
            }
            owners++;
            Letters.Letter letter = letters.digest(today, overdue, revisits);
            Notification digest = Notification.email("digest/" + today + "/" + entry.getKey(), null, "digest", owner.email(), owner.name(),
                    letter.subject(), letter.text(), letter.html());
            boolean restricted = entry.getValue().stream().anyMatch(c -> c.visibleTo() != null && !c.visibleTo().isEmpty()
                    && People.maySee(owner, c.visibleTo()));
            digest.visibleTo = restricted ? owner.name() == null ? List.of() : List.of("user:" + owner.name()) : null;
            if (outbox.add(digest)) {
                queued++;
            }
        }
        return new Run(today, owners, queued);
    }
}
