package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.query.projection.PostMortemProjector;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.view.PostMortemFold;
import dev.postmortem.query.view.PostMortemView;
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

    public PostMortemProjector.Outcome apply(EventEnvelope envelope) {
        try {
            index.ensureExists();
            GetResponse<ObjectNode> stored = client.get(g -> g.index(index.alias()).id(envelope.postMortemId()), ObjectNode.class);
            PostMortemView current = stored.found() && stored.source() != null
                    ? CloudEventReader.EVENT_JSON.treeToValue(stored.source().get("view"), PostMortemView.class)
                    : new PostMortemView();
            if (envelope.sequence() <= current.version) {
                return PostMortemProjector.Outcome.DUPLICATE;
            }
            if (envelope.sequence() != current.version + 1) {
                throw new IllegalStateException("search document of " + envelope.postMortemId() + " is at version "
                        + current.version + " but the event has " + envelope.sequence() + ": events are missing; rebuild");
            }
            write(index.alias(), PostMortemFold.apply(current, envelope));
            return PostMortemProjector.Outcome.APPLIED;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch is not reachable", e);
        }
    }

    /** Bulk-writes views into an index (a rebuild's new one), 500 at a time, with the same external versions. */
    public void writeAll(String target, java.util.Collection<PostMortemView> views) throws IOException {
        java.util.List<PostMortemView> all = java.util.List.copyOf(views);
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
        client.indices().refresh(r -> r.index(target));
    }

    /** Writes one document with its aggregate version as external version; an older version loses silently. */
    void write(String target, PostMortemView view) throws IOException {
        try {
            client.index(i -> i.index(target).id(view.id).version(view.version + 1).versionType(VersionType.External)
                               .document(SearchDocument.of(view)));
        } catch (ElasticsearchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }
}
