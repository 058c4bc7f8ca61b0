package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.query.failclosed.Quarantine;
import dev.postmortem.query.failclosed.Refusal;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.postmortem.WorkingViews;
import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.stream.EventJson;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the search index in step with the topic. Idempotent twice over: an event at or below the version stored in
 * the document is skipped, and every write uses external versioning by aggregate version, so an older write can
 * never overwrite a newer one.
 */
@Component
public class SearchProjector implements BatchProjection.Projection {

    private final ElasticsearchClient client;
    private final SearchIndex index;

    public SearchProjector(ElasticsearchClient client, SearchIndex index) {
        this.client = client;
        this.index = index;
    }

    /** One event on its own: a batch of one. */
    public BatchProjection.Outcome apply(EventEnvelope envelope) {
        Batch batch = batch();
        BatchProjection.Outcome outcome = batch.add(envelope);
        batch.flush();
        return outcome;
    }

    /**
     * A poll's worth of events, folded in memory and written with one bulk request: each post-mortem is read once
     * (realtime GET) and written once, whatever the number of its events in the batch — one translog sync per batch
     * instead of one per event. Events are added in topic order; {@link #flush()} writes what was added so far.
     */
    @Override
    public Batch batch() {
        return new Batch();
    }

    public final class Batch implements BatchProjection.Batch {

        private final WorkingViews views = new WorkingViews(SearchProjector.this::load);
        private final Set<String> changed = new LinkedHashSet<>();

        private Batch() {
        }

        /** Folds one event into its post-mortem's document; a duplicate is skipped, a gap refused (nothing is added). */
        @Override
        public BatchProjection.Outcome add(EventEnvelope envelope) {
            if (BatchProjection.next(envelope, views.get(envelope.postMortemId()).version) == BatchProjection.Outcome.DUPLICATE) {
                return BatchProjection.Outcome.DUPLICATE;
            }
            views.fold(envelope);
            changed.add(envelope.postMortemId());
            return BatchProjection.Outcome.APPLIED;
        }

        /** The indexed views of these post-mortems, in one multi-get (see {@link BatchProjection.Batch#preload}). */
        @Override
        public void preload(Collection<String> postMortemIds) {
            List<String> missing = views.missing(postMortemIds);
            if (!missing.isEmpty()) {
                views.preload(missing, loadAll(missing));
            }
        }

        /**
         * Writes every changed document in one bulk request, each with its aggregate version as external version, each
         * view settled first (see {@link Quarantine}).
         */
        @Override
        public void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<PostMortemView> written = changed.stream().map(views::get).toList();
            written.forEach(Quarantine::settle);
            try {
                SearchBulk.write(client, index.alias(), written, VersionType.External, false);
            } catch (IOException e) {
                throw new UncheckedIOException("Elasticsearch is not reachable", e);
            }
            changed.clear();
        }
    }

    /** The views these post-mortems' documents hold, by id; those without a document are left out. */
    private Map<String, PostMortemView> loadAll(List<String> ids) {
        try {
            index.ensureExists();
            MgetResponse<ObjectNode> stored = client.mget(m -> m.index(index.alias()).ids(ids), ObjectNode.class);
            Map<String, PostMortemView> views = new HashMap<>();
            for (MultiGetResponseItem<ObjectNode> item : stored.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("Elasticsearch could not get " + item.failure().id() + ": " + item.failure().error().reason());
                }
                if (item.result().found() && item.result().source() != null) {
                    views.put(item.result().id(), EventJson.MAPPER.treeToValue(item.result().source().get("view"), PostMortemView.class));
                }
            }
            return views;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an indexed document does not hold a view: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is not reachable", e);
        }
    }

    /** The view a post-mortem's document holds, or null if it has none. */
    private PostMortemView load(String id) {
        try {
            index.ensureExists();
            GetResponse<ObjectNode> stored = client.get(g -> g.index(index.alias()).id(id), ObjectNode.class);
            return stored.found() && stored.source() != null
                    ? EventJson.MAPPER.treeToValue(stored.source().get("view"), PostMortemView.class)
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is not reachable", e);
        }
    }

    /**
     * Marks a post-mortem's document stuck, with a restriction the refused event sets applied at once (its text then
     * moves to the restricted fields); see {@link Quarantine}. Written at the version it has (external_gte), since no
     * event was applied.
     */
    @Override
    public void refuse(Refusal refusal) {
        PostMortemView view = load(refusal.postMortemId());
        if (view == null) {
            view = new PostMortemView();
            view.id = refusal.postMortemId();
        }
        Quarantine.refuse(view, refusal, "search", Instant.now());
        try {
            SearchBulk.write(client, index.alias(), List.of(view), VersionType.ExternalGte, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is not reachable", e);
        }
    }

    /** Bulk-writes views into an index (a rebuild's new one) with the same external versions, then refreshes it. */
    public void writeAll(String target, Collection<PostMortemView> views) throws IOException {
        SearchBulk.write(client, target, List.copyOf(views), VersionType.External, true);
    }
}
