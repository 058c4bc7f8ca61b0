package dev.postmortem.query.kpi;

import dev.postmortem.query.projection.PostMortemProjector;
import dev.postmortem.query.projection.Upserts;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.stream.EventEnvelope;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the KPI facts of each post-mortem, idempotent by version like the views: redelivered and duplicate events
 * are skipped, a gap is refused (retried, then parked) rather than folded into wrong figures.
 */
public class KpiProjector {

    private final MongoTemplate mongo;
    private final String collection;

    public KpiProjector(MongoTemplate mongo, ProjectionCollections collections) {
        this.mongo = mongo;
        this.collection = collections.kpiFacts();
    }

    /** A poll's worth of events: each post-mortem's facts are read once and written once (one bulk request). */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {

        private final Map<String, KpiFacts> facts = new HashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();

        private Batch() {
        }

        /** Folds one event into its post-mortem's facts; a duplicate is skipped, a gap refused. */
        public PostMortemProjector.Outcome add(EventEnvelope envelope) {
            String id = envelope.postMortemId();
            KpiFacts known = facts.containsKey(id) ? facts.get(id) : mongo.findById(id, KpiFacts.class, collection);
            facts.put(id, known);
            long applied = known == null ? -1 : known.version;
            if (envelope.sequence() <= applied) {
                return PostMortemProjector.Outcome.DUPLICATE;
            }
            if (envelope.sequence() != applied + 1) {
                throw new PostMortemProjector.SequenceGapException(envelope, applied);
            }
            facts.put(id, KpiFold.apply(known == null ? new KpiFacts() : known, envelope));
            changed.add(id);
            return PostMortemProjector.Outcome.APPLIED;
        }

        /** Writes the facts changed since the last flush. */
        public void flush() {
            Upserts.byId(mongo, KpiFacts.class, collection, changed.stream().map(facts::get).toList(), written -> written.id);
            changed.clear();
        }
    }
}
