package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import dev.postmortem.query.postmortem.PostMortemView;

import java.io.IOException;
import java.util.List;

/** How views become documents of the index: in bulks, each at its post-mortem's version. */
final class SearchBulk {

    private SearchBulk() {
    }

    /** Documents per bulk request, and the text per bulk request after which one is sent regardless (a few MB each). */
    static final int BULK_DOCUMENTS = 500;
    static final long BULK_TEXT_CHARS = 8_000_000;

    /**
     * Writes views in bulks of at most {@value #BULK_DOCUMENTS} documents or about {@value #BULK_TEXT_CHARS} characters
     * of text (a document holds its view and its text, so a few large post-mortems make a large request); an older
     * version than the stored one loses silently (409), any other refusal fails. With {@code refresh} the index is
     * refreshed at the end (a rebuild before its switch-over; a stuck mark, which must hide at once); live writes leave
     * that to the index's refresh interval.
     */
    static void write(ElasticsearchClient client, String target, List<PostMortemView> all, VersionType versionType, boolean refresh)
            throws IOException {
        int start = 0;
        while (start < all.size()) {
            int end = start;
            long chars = 0;
            while (end < all.size() && end - start < BULK_DOCUMENTS && (end == start || chars < BULK_TEXT_CHARS)) {
                chars += textChars(all.get(end));
                end++;
            }
            List<PostMortemView> chunk = all.subList(start, end);
            BulkResponse response = client.bulk(b -> {
                for (PostMortemView view : chunk) {
                    b.operations(o -> o.index(i -> i.index(target).id(view.id).version(view.version + 1)
                                                   .versionType(versionType).document(SearchDocument.of(view))));
                }
                return b;
            });
            if (response.errors()) {
                response.items().stream().filter(item -> item.error() != null && item.status() != 409).findFirst().ifPresent(item -> {
                    throw new IllegalStateException("bulk indexing failed for " + item.id() + ": " + item.error().reason());
                });
            }
            start = end;
        }
        if (refresh) {
            client.indices().refresh(r -> r.index(target));
        }
    }

    /** Roughly the text a view's document carries (twice: once in its text fields, once in the stored view). */
    private static long textChars(PostMortemView view) {
        long chars = length(view.title) + length(view.summary) + length(view.remediation) + length(view.additionalInfo)
                + length(view.rootCause);
        for (PostMortemView.TimelineEntry entry : view.timeline) {
            chars += length(entry.description) + length(entry.effect) + length(entry.perspective);
        }
        for (PostMortemView.Countermeasure countermeasure : view.countermeasures) {
            chars += length(countermeasure.title) + length(countermeasure.description);
        }
        for (PostMortemView.Why why : view.fiveWhys) {
            chars += length(why.question) + length(why.answer);
        }
        return 2 * chars;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
