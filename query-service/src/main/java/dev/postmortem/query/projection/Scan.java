package dev.postmortem.query.projection;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every document a query matches, a page at a time: first their ids (small), then each page of documents by
 * {@code _id $in}. Never one cursor over a whole collection: the embedded MongoDB-wire server answers a find in one
 * reply whatever its size, and at 10,000 post-mortems the views' reply was 89 MB, over the driver's 48 MB — the
 * rebuild's indexing failed there. A real MongoDB answers the same reads in batches of its own.
 */
public final class Scan {

    public static final int PAGE = 500;

    private Scan() {
    }

    /** Hands {@code each} the matching documents, at most {@code pageSize} at a time, in no particular order. */
    public static <T> void inPages(MongoTemplate mongo, Query query, Class<T> type, String collection, int pageSize, Consumer<List<T>> each) {
        Query ids = Query.of(query);
        ids.fields().include("_id");
        List<Object> all = new ArrayList<>();
        mongo.find(ids, Document.class, collection).forEach(document -> all.add(document.get("_id")));
        for (int start = 0; start < all.size(); start += pageSize) {
            List<Object> page = all.subList(start, Math.min(all.size(), start + pageSize));
            each.accept(mongo.find(Query.query(Criteria.where("_id").in(page)), type, collection));
        }
    }

    /** Every matching document, read a page at a time. */
    public static <T> List<T> all(MongoTemplate mongo, Query query, Class<T> type, String collection) {
        List<T> all = new ArrayList<>();
        inPages(mongo, query, type, collection, PAGE, all::addAll);
        return all;
    }
}
