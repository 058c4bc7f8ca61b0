package dev.postmortem.query.it;

import dev.postmortem.query.projection.ProjectionCollections;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every document of the read model's collections, sorted by id: what "equal read models" means. */
final class ReadModelSnapshot {

    private ReadModelSnapshot() {
    }

    static Map<String, List<Document>> of(MongoTemplate mongo) {
        Map<String, List<Document>> documents = new TreeMap<>();
        for (String collection : ProjectionCollections.LIVE.all()) {
            List<Document> all = new ArrayList<>();
            mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(all);
            documents.put(collection, all);
        }
        return documents;
    }
}
