package dev.postmortem.query.it;

import dev.postmortem.query.projection.ProjectionCollections;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every document of the read model's collections, sorted by id: what "equal read models" means. A stuck mark's time and
 * count of refusals are left out: they say when and how often a projection met the event it refused (a live one
 * retries it before parking it, a rebuild meets it once), not what the events are.
 */
final class ReadModelSnapshot {

    private ReadModelSnapshot() {
    }

    static Map<String, List<Document>> of(MongoTemplate mongo) {
        Map<String, List<Document>> documents = new TreeMap<>();
        for (String collection : ProjectionCollections.LIVE.all()) {
            List<Document> all = new ArrayList<>();
            mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(all);
            all.forEach(document -> {
                if (document.get("stuck") instanceof Document stuck) {
                    stuck.remove("since");
                    stuck.remove("refusals");
                }
            });
            documents.put(collection, all);
        }
        return documents;
    }
}
