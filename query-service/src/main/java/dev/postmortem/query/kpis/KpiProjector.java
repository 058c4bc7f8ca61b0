package dev.postmortem.query.kpis;

import dev.postmortem.query.failclosed.Quarantine;
import dev.postmortem.query.failclosed.Refusal;
import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.projection.Upserts;
import dev.postmortem.query.stream.EventEnvelope;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the KPI facts of each post-mortem, idempotent by version like the views: redelivered and duplicate events
 * are skipped, a gap is refused (retried, then parked) rather than folded into wrong figures.
 */
public class KpiProjector implements BatchProjection.Projection {

    private final MongoTemplate mongo;
    private final String collection;

    public KpiProjector(MongoTemplate mongo, ProjectionCollections collections) {
        this.mongo = mongo;
        this.collection = collections.kpiFacts();
    }

    /** A poll's worth of events: each post-mortem's facts are read once and written once (one bulk request). */
    @Override
    public Batch batch() {
        return new Batch();
    }

    public final class Batch implements BatchProjection.Batch {

        private final Map<String, KpiFacts> facts = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();

        private Batch() {
        }

        /** Folds one event into its post-mortem's facts; a duplicate is skipped, a gap refused. */
        @Override
        public BatchProjection.Outcome add(EventEnvelope envelope) {
            String id = envelope.postMortemId();
            KpiFacts known = facts.containsKey(id) ? facts.get(id) : mongo.findById(id, KpiFacts.class, collection);
            facts.put(id, known);
            if (BatchProjection.next(envelope, known == null ? -1 : known.version) == BatchProjection.Outcome.DUPLICATE) {
                return BatchProjection.Outcome.DUPLICATE;
            }
            facts.put(id, KpiFold.apply(known == null ? new KpiFacts() : known, envelope));
            changed.add(id);
            return BatchProjection.Outcome.APPLIED;
        }

        /** The stored facts of these post-mortems, in one query (see {@link BatchProjection.Batch#preload}). */
        @Override
        public void preload(Collection<String> postMortemIds) {
            List<String> missing = postMortemIds.stream().filter(id -> !facts.containsKey(id)).toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, KpiFacts> stored = new HashMap<>();
            mongo.find(Query.query(Criteria.where("_id").in(missing)), KpiFacts.class, collection).forEach(known -> stored.put(known.id, known));
            missing.forEach(id -> facts.put(id, stored.get(id)));
        }

        /** The version this batch has its post-mortem's facts at: what is stored plus what was added; -1 for none. */
        public long appliedVersion(String postMortemId) {
            if (postMortemId == null) {
                return -1;
            }
            KpiFacts known = facts.containsKey(postMortemId) ? facts.get(postMortemId) : mongo.findById(postMortemId, KpiFacts.class, collection);
            return known == null ? -1 : known.version;
        }

        /** Writes the facts changed since the last flush, each settled first (see {@link Quarantine}). */
        @Override
        public void flush() {
            List<KpiFacts> written = changed.stream().map(facts::get).toList();
            written.forEach(Quarantine::settle);
            Upserts.byId(mongo, KpiFacts.class, collection, written, facts -> facts.id);
            changed.clear();
        }
    }

    /** Marks a post-mortem's facts stuck, with a restriction the refused event sets applied at once (see {@link Quarantine}). */
    @Override
    public void refuse(Refusal refusal) {
        KpiFacts known = mongo.findById(refusal.postMortemId(), KpiFacts.class, collection);
        if (known == null) {
            known = new KpiFacts();
            known.id = refusal.postMortemId();
        }
        Quarantine.refuse(known, refusal, "kpis", Instant.now());
        Upserts.byId(mongo, KpiFacts.class, collection, List.of(known), facts -> facts.id);
    }
}
