package dev.postmortem.query.projection;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 19, found by the 10,000-size benchmark: the embedded MongoDB-wire server answers a find in one reply, however
 * large, and the driver refuses replies over 48 MB — a cursor over all the views failed the rebuild's indexing. 60
 * documents of 1 MB each: one cursor fails as the rebuild did, {@link Scan} reads them all, page by page.
 */
@ExtendWith(LocalStackExtension.class)
class ScanIT {

    private static final int DOCUMENTS = 60;

    private final SimpleMongoClientDatabaseFactory factory =
            new SimpleMongoClientDatabaseFactory(LocalStackExtension.shared().getProperty(LocalStackAddresses.MONGODB_URI));
    private final MongoTemplate mongo = new MongoTemplate(factory);
    private final String collection = "scan_it_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void drop() throws Exception {
        mongo.dropCollection(collection);
        factory.destroy();
    }

    @Test
    void aCollectionOverTheDriversReplyLimitIsReadWholePageByPage() {
        String megabyte = "x".repeat(1 << 20);
        for (int i = 0; i < DOCUMENTS; i++) {
            mongo.getCollection(collection).insertOne(new Document("_id", "doc-" + i).append("group", i % 2).append("text", megabyte));
        }
        assertThatThrownBy(() -> {
            try (Stream<Document> all = mongo.stream(new Query(), Document.class, collection)) {
                all.forEach(document -> { });
            }
        }).as("one cursor over 60 MB: what the rebuild did").hasMessageContaining("greater than the maximum message length");

        Set<Object> ids = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        Scan.inPages(mongo, new Query(), Document.class, collection, 25, page -> {
            pageSizes.add(page.size());
            page.forEach(document -> ids.add(document.get("_id")));
        });
        assertThat(ids).hasSize(DOCUMENTS);
        assertThat(pageSizes).containsExactly(25, 25, 10);
        assertThat(Scan.all(mongo, Query.query(Criteria.where("group").is(1)), Document.class, collection))
                .hasSize(DOCUMENTS / 2).allSatisfy(document -> assertThat(document.getString("text")).hasSize(1 << 20));
    }
}
