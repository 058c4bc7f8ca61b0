package dev.postmortem.query.projection;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes whole documents by id (replaced, or inserted when new) in unordered bulks: one round trip per
 * {@value #BULK} documents instead of one per document. Replaying them is harmless, which is what lets a projection
 * write a batch again after a failure.
 * <p>
 * {@link #prepare} converts the documents at once and writes them when asked: the objects may change afterwards
 * (a rebuild folds its next window into them while this one is written).
 */
public final class Upserts {

    static final int BULK = 500;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private Upserts() {
    }

    public static <T> void byId(MongoTemplate mongo, Class<T> type, String collection, List<T> documents, Function<T, String> idOf) {
        prepare(mongo, collection, documents, idOf).run();
    }

    /** The documents as they are now, converted for the store, to be written by {@link Prepared#run}. */
    public static <T> Prepared prepare(MongoTemplate mongo, String collection, List<T> documents, Function<T, String> idOf) {
        Map<String, Document> converted = new LinkedHashMap<>();
        for (T document : documents) {
            Document stored = new Document();
            mongo.getConverter().write(document, stored);
            converted.put(idOf.apply(document), stored);
        }
        List<WriteModel<Document>> writes = new ArrayList<>(converted.size());
        converted.forEach((id, stored) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), stored, UPSERT)));
        return new Prepared(mongo, collection, writes, converted);
    }

    /** Writes these models in unordered bulks of {@value #BULK}, through the template (so failures are translated). */
    public static void bulk(MongoTemplate mongo, String collection, List<? extends WriteModel<Document>> writes) {
        for (int start = 0; start < writes.size(); start += BULK) {
            List<? extends WriteModel<Document>> bulk = writes.subList(start, Math.min(writes.size(), start + BULK));
            mongo.execute(collection, documents -> documents.bulkWrite(bulk, new BulkWriteOptions().ordered(false)));
        }
    }

    /** Converted documents waiting to be written; {@link #documents} are what the store will hold, by id. */
    public record Prepared(MongoTemplate mongo, String collection, List<WriteModel<Document>> writes, Map<String, Document> documents)
            implements Runnable {

        @Override
        public void run() {
            bulk(mongo, collection, writes);
        }
    }
}
