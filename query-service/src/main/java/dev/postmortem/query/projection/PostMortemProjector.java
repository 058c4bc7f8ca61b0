package dev.postmortem.query.projection;

import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.view.PostMortemFold;
import dev.postmortem.query.view.PostMortemView;
import dev.postmortem.query.view.ViewChanges;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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

    /** One event on its own: a batch of one. */
    public Outcome apply(EventEnvelope envelope) {
        Batch batch = batch();
        Outcome outcome = batch.add(envelope);
        batch.flush();
        return outcome;
    }

    /**
     * A poll's worth of events, folded in memory: each post-mortem's view is read once and written once per batch,
     * its history entries and countermeasures in one bulk request each — instead of four to seven round trips per
     * event. Written in this order: history, countermeasures, then the view, whose version marks what is applied;
     * a redelivery after a crash in between rewrites the same history entries (their ids are post-mortem and
     * version) and skips what the view already has.
     */
    public Batch batch() {
        return new Batch(id -> mongo.findById(id, PostMortemView.class, collections.views()));
    }

    /**
     * A batch that takes a post-mortem's current view from {@code known} instead of reading it (null: none yet) —
     * for a rebuild, which holds every view it has written in memory anyway.
     */
    public Batch batch(Function<String, PostMortemView> known) {
        return new Batch(known);
    }

    public final class Batch {

        private final Map<String, PostMortemView> views = new LinkedHashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private final List<HistoryEntry> history = new ArrayList<>();
        private final Function<String, PostMortemView> current;

        private Batch(Function<String, PostMortemView> current) {
            this.current = current;
        }

        /** The post-mortem's view with every event added so far (null if it has none). */
        public PostMortemView view(String postMortemId) {
            return views.get(postMortemId);
        }

        /** Folds one event into its view; a duplicate is skipped, a gap refused (and nothing of it added). */
        public Outcome add(EventEnvelope envelope) {
            String id = envelope.postMortemId();
            PostMortemView known = views.containsKey(id) ? views.get(id) : current.apply(id);
            views.put(id, known);
            long applied = known == null ? -1 : known.version;
            if (envelope.sequence() <= applied) {
                return Outcome.DUPLICATE;
            }
            if (envelope.sequence() != applied + 1) {
                throw new SequenceGapException(envelope, applied);
            }
            PostMortemView before = known == null ? new PostMortemView() : known;
            PostMortemView after = PostMortemFold.apply(before, envelope);
            history.add(HistoryEntry.of(envelope, ViewChanges.between(before, after)));
            views.put(id, after);
            changed.add(id);
            return Outcome.APPLIED;
        }

        /** Writes what was added so far: history entries, the changed views' countermeasures, then the views. */
        public void flush() {
            if (changed.isEmpty()) {
                return;
            }
            BulkOperations entries = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, HistoryEntry.class, collections.history());
            history.forEach(entry -> entries.replaceOne(Query.query(Criteria.where("_id").is(entry.id())), entry,
                    FindAndReplaceOptions.options().upsert()));
            entries.execute();
            BulkOperations countermeasures = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CountermeasureDocument.class,
                    collections.countermeasures());
            boolean anyCountermeasure = false;
            for (String id : changed) {
                PostMortemView view = views.get(id);
                for (PostMortemView.Countermeasure countermeasure : view.countermeasures) {
                    CountermeasureDocument document = CountermeasureDocument.of(view, countermeasure);
                    countermeasures.replaceOne(Query.query(Criteria.where("_id").is(document.id())), document,
                            FindAndReplaceOptions.options().upsert());
                    anyCountermeasure = true;
                }
            }
            if (anyCountermeasure) {
                countermeasures.execute();
            }
            BulkOperations written = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PostMortemView.class, collections.views());
            changed.forEach(id -> written.replaceOne(Query.query(Criteria.where("_id").is(id)), views.get(id),
                    FindAndReplaceOptions.options().upsert()));
            written.execute();
            history.clear();
            changed.clear();
        }
    }

    /** An event arrived whose predecessors were never applied: the view would be wrong, so it is not applied. */
    public static final class SequenceGapException extends RuntimeException {
        public SequenceGapException(EventEnvelope envelope, long applied) {
            super("event " + envelope.eventId() + " of post-mortem " + envelope.postMortemId() + " has version "
                    + envelope.sequence() + " but the view is at " + applied + ": events are missing; rebuild the views");
        }
    }
}
