package dev.postmortem.query.projection;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;
import java.util.function.Function;

/**
 * Writes whole documents by id (replaced, or inserted when new) in unordered bulks: one round trip per
 * {@value #BULK} documents instead of one per document. Replaying them is harmless, which is what lets a projection
 * write a batch again after a failure.
 */
public final class Upserts {

    static final int BULK = 500;

    private Upserts() {
    }

    public static <T> void byId(MongoTemplate mongo, Class<T> type, String collection, List<T> documents, Function<T, String> idOf) {
        for (int start = 0; start < documents.size(); start += BULK) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type, collection);
            for (T document : documents.subList(start, Math.min(documents.size(), start + BULK))) {
                bulk.replaceOne(Query.query(Criteria.where("_id").is(idOf.apply(document))), document, FindAndReplaceOptions.options().upsert());
            }
            bulk.execute();
        }
    }

    /** Writes these models in unordered bulks of {@value #BULK}, through the template (so failures are translated). */
    public static void bulk(MongoTemplate mongo, String collection, List<? extends WriteModel<Document>> writes) {
        for (int start = 0; start < writes.size(); start += BULK) {
            List<? extends WriteModel<Document>> bulk = writes.subList(start, Math.min(writes.size(), start + BULK));
            mongo.execute(collection, documents -> documents.bulkWrite(bulk, new BulkWriteOptions().ordered(false)));
        }
    }
}
