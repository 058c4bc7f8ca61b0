package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.query.projection.PostMortemProjector;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.view.PostMortemView;
import dev.postmortem.query.view.WorkingViews;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps the search index in step with the topic. Idempotent twice over: an event at or below the version stored in
 * the document is skipped, and every write uses external versioning by aggregate version, so an older write can
 * never overwrite a newer one.
 */
@Component
public class SearchProjector {

    private final ElasticsearchClient client;
    private final SearchIndex index;

    public SearchProjector(ElasticsearchClient client, SearchIndex index) {
        this.client = client;
        this.index = index;
    }

    /** One event on its own: a batch of one. */
    public PostMortemProjector.Outcome apply(EventEnvelope envelope) {
        Batch batch = batch();
        PostMortemProjector.Outcome outcome = batch.add(envelope);
        batch.flush();
        return outcome;
    }

    /**
     * A poll's worth of events, folded in memory and written with one bulk request: each post-mortem is read once
     * (realtime GET) and written once, whatever the number of its events in the batch — one translog sync per batch
     * instead of one per event. Events are added in topic order; {@link #flush()} writes what was added so far.
     */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {

        private final WorkingViews views = new WorkingViews(this::load);
        private final java.util.Set<String> changed = new java.util.LinkedHashSet<>();

        private Batch() {
        }

        /** Folds one event into its post-mortem's document; a duplicate is skipped, a gap refused (nothing is added). */
        public PostMortemProjector.Outcome add(EventEnvelope envelope) {
            PostMortemView current = views.get(envelope.postMortemId());
            if (envelope.sequence() <= current.version) {
                return PostMortemProjector.Outcome.DUPLICATE;
            }
            if (envelope.sequence() != current.version + 1) {
                throw new IllegalStateException("search document of " + envelope.postMortemId() + " is at version "
                        + current.version + " but the event has " + envelope.sequence() + ": events are missing; rebuild");
            }
            views.fold(envelope);
            changed.add(envelope.postMortemId());
            return PostMortemProjector.Outcome.APPLIED;
        }

        /** Writes every changed document in one bulk request, each with its aggregate version as external version. */
        public void flush() {
            if (changed.isEmpty()) {
                return;
            }
            try {
                bulk(index.alias(), changed.stream().map(views::get).toList(), false);
            } catch (IOException e) {
                throw new UncheckedIOException("Elasticsearch is not reachable", e);
            }
            changed.clear();
        }

        private PostMortemView load(String id) {
            try {
                index.ensureExists();
                GetResponse<ObjectNode> stored = client.get(g -> g.index(index.alias()).id(id), ObjectNode.class);
                return stored.found() && stored.source() != null
                        ? CloudEventReader.EVENT_JSON.treeToValue(stored.source().get("view"), PostMortemView.class)
                        : null;
            } catch (IOException e) {
                throw new UncheckedIOException("Elasticsearch is not reachable", e);
            }
        }
    }

    /** Bulk-writes views into an index (a rebuild's new one), 500 at a time, with the same external versions. */
    public void writeAll(String target, java.util.Collection<PostMortemView> views) throws IOException {
        bulk(target, java.util.List.copyOf(views), true);
    }

    /**
     * Writes views 500 at a time; an older version than the stored one loses silently (409), any other refusal fails.
     * With {@code refresh} the index is refreshed at the end (a rebuild, before the switch-over); live writes leave
     * that to the index's refresh interval.
     */
    private void bulk(String target, java.util.List<PostMortemView> all, boolean refresh) throws IOException {
        for (int start = 0; start < all.size(); start += 500) {
            java.util.List<PostMortemView> chunk = all.subList(start, Math.min(all.size(), start + 500));
            co.elastic.clients.elasticsearch.core.BulkResponse response = client.bulk(b -> {
                for (PostMortemView view : chunk) {
                    b.operations(o -> o.index(i -> i.index(target).id(view.id).version(view.version + 1)
                                                   .versionType(VersionType.External).document(SearchDocument.of(view))));
                }
                return b;
            });
            if (response.errors()) {
                response.items().stream().filter(item -> item.error() != null && item.status() != 409).findFirst().ifPresent(item -> {
                    throw new IllegalStateException("bulk indexing failed for " + item.id() + ": " + item.error().reason());
                });
            }
        }
        if (refresh) {
            client.indices().refresh(r -> r.index(target));
        }
    }
}
