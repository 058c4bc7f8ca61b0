package dev.postmortem.query.kpi;

import dev.postmortem.query.projection.PostMortemProjector;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.stream.EventEnvelope;
import org.springframework.data.mongodb.core.MongoTemplate;

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

    public PostMortemProjector.Outcome apply(EventEnvelope envelope) {
        KpiFacts current = mongo.findById(envelope.postMortemId(), KpiFacts.class, collection);
        long applied = current == null ? -1 : current.version;
        if (envelope.sequence() <= applied) {
            return PostMortemProjector.Outcome.DUPLICATE;
        }
        if (envelope.sequence() != applied + 1) {
            throw new PostMortemProjector.SequenceGapException(envelope, applied);
        }
        mongo.save(KpiFold.apply(current == null ? new KpiFacts() : current, envelope), collection);
        return PostMortemProjector.Outcome.APPLIED;
    }
}
