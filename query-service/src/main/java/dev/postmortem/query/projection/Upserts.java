package dev.postmortem.query.projection;

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
}
