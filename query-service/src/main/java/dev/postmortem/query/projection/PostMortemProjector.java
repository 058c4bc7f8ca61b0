package dev.postmortem.query.projection;

import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.view.PostMortemFold;
import dev.postmortem.query.view.PostMortemView;
import dev.postmortem.query.view.ViewChanges;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

/**
 * Applies events to one generation of the read model: the view, its history and its countermeasures. Idempotent:
 * the view records the last version applied, and an event at or below it is skipped, so redelivery, duplicates on
 * the topic and replays change nothing. Writes go history → countermeasures → view, the view's version last, so a
 * crash in between is repaired by the redelivery (history entries are keyed by version and simply rewritten).
 */
public class PostMortemProjector {

    public enum Outcome { APPLIED, DUPLICATE }

    private final MongoTemplate mongo;
    private final ProjectionCollections collections;

    public PostMortemProjector(MongoTemplate mongo, ProjectionCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    public Outcome apply(EventEnvelope envelope) {
        PostMortemView current = mongo.findById(envelope.postMortemId(), PostMortemView.class, collections.views());
        long applied = current == null ? -1 : current.version;
        if (envelope.sequence() <= applied) {
            return Outcome.DUPLICATE;
        }
        if (envelope.sequence() != applied + 1) {
            throw new SequenceGapException(envelope, applied);
        }
        PostMortemView before = current == null ? new PostMortemView() : current;
        PostMortemView after = PostMortemFold.apply(before, envelope);
        List<ViewChanges.Change> changes = ViewChanges.between(before, after);
        mongo.save(HistoryEntry.of(envelope, changes), collections.history());
        for (PostMortemView.Countermeasure countermeasure : after.countermeasures) {
            mongo.save(CountermeasureDocument.of(after, countermeasure), collections.countermeasures());
        }
        mongo.save(after, collections.views());
        return Outcome.APPLIED;
    }

    /** An event arrived whose predecessors were never applied: the view would be wrong, so it is not applied. */
    public static final class SequenceGapException extends RuntimeException {
        public SequenceGapException(EventEnvelope envelope, long applied) {
            super("event " + envelope.eventId() + " of post-mortem " + envelope.postMortemId() + " has version "
                    + envelope.sequence() + " but the view is at " + applied + ": events are missing; rebuild the views");
        }
    }
}
