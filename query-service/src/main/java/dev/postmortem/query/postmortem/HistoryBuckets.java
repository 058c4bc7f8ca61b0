package dev.postmortem.query.postmortem;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.postmortem.query.projection.Upserts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * How the {@code history} collection holds a post-mortem's entries: in buckets of {@value #SIZE} consecutive versions,
 * one document each ({@code <post-mortem>#<bucket>}, the entries under {@code entries.<version>}), instead of one
 * document per event. A rebuild writes one document where it wrote {@value #SIZE}, a live batch one per post-mortem it
 * changed, and reading a history or folding a past state reads a few documents by id instead of one per version —
 * on a real MongoDB as on the embedded server. Writing an entry sets its own field, so writing it again after a
 * failure (a redelivery, a replayed window) changes nothing, and no read is needed before the write.
 * <p>
 * A bucket holds at most {@value #SIZE} events; an event is at most a request's size (512 KB by default), so a
 * bucket stays well below MongoDB's 16 MB document limit. Entries stored one per document by earlier versions
 * ({@link HistoryEntry#idOf}) are read where a bucket lacks a version, so a read model written before the buckets
 * reads the same until its next rebuild writes buckets only.
 */
final class HistoryBuckets {

    static final int SIZE = 16;
    private static final String ENTRIES = "entries";

    private HistoryBuckets() {
    }

    static String bucketId(String postMortemId, long version) {
        return postMortemId + "#" + HistoryEntry.padded(version / SIZE, 6);
    }

    /** The field of an entry in its bucket: its version, zero-padded so that the fields sort as the versions do. */
    private static String field(long version) {
        return HistoryEntry.padded(version, 10);
    }

    /** Writes the entries into their buckets: one upsert per bucket, in unordered bulks. */
    static void write(MongoTemplate mongo, String collection, Collection<HistoryEntry> entries) {
        Map<String, Document> sets = new LinkedHashMap<>();
        for (HistoryEntry entry : entries) {
            Document set = sets.computeIfAbsent(bucketId(entry.postMortemId(), entry.version()),
                    id -> new Document("postMortemId", entry.postMortemId()).append("bucket", entry.version() / SIZE));
            set.append(ENTRIES + "." + field(entry.version()), entry.toDocument());
        }
        List<WriteModel<Document>> updates = new ArrayList<>(sets.size());
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        sets.forEach((id, set) -> updates.add(new UpdateOneModel<>(Filters.eq("_id", id), new Document("$set", set), upsert)));
        Upserts.bulk(mongo, collection, updates);
    }

    /**
     * The post-mortem's entries of versions {@code 0} to {@code last}, oldest first: its buckets by id, and for any
     * version none of them holds, an entry stored on its own by an earlier version of this service.
     */
    static List<HistoryEntry> read(MongoTemplate mongo, String collection, String postMortemId, long last) {
        if (last < 0) {
            return List.of();
        }
        List<String> bucketIds = LongStream.rangeClosed(0, last / SIZE).mapToObj(bucket -> bucketId(postMortemId, bucket * SIZE)).toList();
        TreeMap<Long, HistoryEntry> byVersion = new TreeMap<>();
        for (Document bucket : find(mongo, collection, bucketIds)) {
            Document entries = bucket.get(ENTRIES, Document.class);
            if (entries != null) {
                for (Object stored : entries.values()) {
                    HistoryEntry entry = mongo.getConverter().read(HistoryEntry.class, (Document) stored);
                    if (entry.version() <= last) {
                        byVersion.put(entry.version(), entry);
                    }
                }
            }
        }
        if (byVersion.size() < last + 1) {
            List<String> older = LongStream.rangeClosed(0, last).filter(version -> !byVersion.containsKey(version))
                                           .mapToObj(version -> HistoryEntry.idOf(postMortemId, version)).toList();
            for (Document stored : find(mongo, collection, older)) {
                HistoryEntry entry = mongo.getConverter().read(HistoryEntry.class, stored);
                byVersion.put(entry.version(), entry);
            }
        }
        return List.copyOf(byVersion.values());
    }

    /** The documents of these ids, through the template (so that a failure is translated as for any other read). */
    private static List<Document> find(MongoTemplate mongo, String collection, List<String> ids) {
        return mongo.execute(collection, documents -> documents.find(Filters.in("_id", ids)).into(new ArrayList<>()));
    }
}
