package dev.postmortem.query.postmortem;

import dev.postmortem.query.countermeasures.CountermeasureDocument;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies events to one generation of the read model: the view, its history and its countermeasures. Idempotent:
 * the view records the last version applied, and an event at or below it is skipped, so redelivery, duplicates on
 * the topic and replays change nothing. Writes go history → countermeasures → view, the view's version last, so a
 * crash in between is repaired by the redelivery (history entries are keyed by version and simply rewritten; see
 * {@link HistoryBuckets}).
 */
public class PostMortemProjector implements BatchProjection.Projection {

    private final MongoTemplate mongo;
    private final ProjectionCollections collections;

    public PostMortemProjector(MongoTemplate mongo, ProjectionCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    /**
     * A poll's worth of events, folded in memory (see {@link WorkingViews}): each post-mortem's view is read once and
     * written once per batch, its history entries (a bucket per post-mortem) and countermeasures in one bulk request each — instead of four to
     * seven round trips per event. Written in this order: history, countermeasures, then the view, whose version marks what is applied;
     * a redelivery after a crash in between rewrites the same history entries (their ids are post-mortem and
     * version) and skips what the view already has.
     */
    @Override
    public Batch batch() {
        return new Batch();
    }

    public final class Batch implements BatchProjection.Batch {

        private final WorkingViews views = new WorkingViews(id -> mongo.findById(id, PostMortemView.class, collections.views()));
        private final Set<String> changed = new LinkedHashSet<>();
        private final List<HistoryEntry> history = new ArrayList<>();

        private Batch() {
        }

        /** Folds one event into its view; a duplicate is skipped, a gap refused (and nothing of it added). */
        @Override
        public BatchProjection.Outcome add(EventEnvelope envelope) {
            String id = envelope.postMortemId();
            PostMortemView view = views.get(id);
            if (BatchProjection.next(envelope, view.version) == BatchProjection.Outcome.DUPLICATE) {
                return BatchProjection.Outcome.DUPLICATE;
            }
            views.fold(envelope);
            history.add(HistoryEntry.of(envelope));
            changed.add(id);
            return BatchProjection.Outcome.APPLIED;
        }

        /** The stored views of these post-mortems, in one query (see {@link BatchProjection.Batch#preload}). */
        @Override
        public void preload(Collection<String> postMortemIds) {
            List<String> missing = views.missing(postMortemIds);
            if (!missing.isEmpty()) {
                views.preload(missing, mongo.find(Query.query(Criteria.where("_id").in(missing)), PostMortemView.class, collections.views())
                                            .stream().collect(Collectors.toMap(view -> view.id, view -> view)));
            }
        }

        /** The version this batch has its post-mortem at: what is stored plus what was added; -1 for none. */
        public long appliedVersion(String postMortemId) {
            return postMortemId == null ? -1 : views.get(postMortemId).version;
        }

        private void flushHistory() {
            HistoryBuckets.write(mongo, collections.history(), history);
            history.clear();
        }

        /**
         * Writes what was added so far: history entries, the changed views' countermeasures, then the views — each view
         * settled first (a stuck mark it has caught up with is cleared, a pending restriction still holds).
         */
        @Override
        public void flush() {
            flushHistory();
            List<PostMortemView> written = changed.stream().map(views::get).toList();
            written.forEach(Quarantine::settle);
            write(written);
            changed.clear();
        }
    }

    private void write(List<PostMortemView> written) {
        List<CountermeasureDocument> countermeasures = new ArrayList<>();
        for (PostMortemView view : written) {
            for (PostMortemView.Countermeasure countermeasure : view.countermeasures) {
                countermeasures.add(countermeasureDocument(view, countermeasure));
            }
        }
        Upserts.byId(mongo, CountermeasureDocument.class, collections.countermeasures(), countermeasures, CountermeasureDocument::id);
        Upserts.byId(mongo, PostMortemView.class, collections.views(), written, view -> view.id);
    }

    /**
     * Marks a post-mortem stuck in this generation (its view and countermeasures), with a restriction the refused event
     * sets applied at once (see {@link Quarantine}). A post-mortem with no view yet gets an empty one carrying the mark,
     * so that admins see it and why.
     */
    @Override
    public void refuse(Refusal refusal) {
        PostMortemView view = mongo.findById(refusal.postMortemId(), PostMortemView.class, collections.views());
        if (view == null) {
            view = new PostMortemView();
            view.id = refusal.postMortemId();
        }
        Quarantine.refuse(view, refusal, "views", Instant.now());
        write(List.of(view));
    }


    /** A countermeasure with what its follow-up across the organisation needs of its post-mortem. */
    private static CountermeasureDocument countermeasureDocument(PostMortemView postMortem, PostMortemView.Countermeasure c) {
        PostMortemView.Revisit last = c.revisits.isEmpty() ? null : c.revisits.get(c.revisits.size() - 1);
        return new CountermeasureDocument(c.id, postMortem.id, postMortem.title, postMortem.status, postMortem.severity,
                c.title, c.description, c.priority, c.type, c.status, c.owner, c.targetDate, c.proposedAt, c.completedAt,
                c.completionNote, c.declinedReason, last == null ? null : last.verdict, last == null ? null : last.at,
                c.overdueAnnouncedFor, postMortem.visibleTo, postMortem.stuck != null ? Boolean.TRUE : null);
    }
}
