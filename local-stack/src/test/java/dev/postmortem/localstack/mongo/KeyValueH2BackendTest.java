package dev.postmortem.localstack.mongo;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project's H2 backend answers as the stock one does, on its own files and on files the stock one wrote. */
class KeyValueH2BackendTest {

    @TempDir
    Path directory;

    @Test
    void answersEveryOperationAsTheStockBackendDoes() {
        List<String> stock = script(H2Backend::new, directory.resolve("stock.mv"));
        List<String> ours = script(KeyValueH2Backend::new, directory.resolve("ours.mv"));

        assertThat(ours).isEqualTo(stock);
        assertThat(stock).contains("duplicate _id 1.0: E11000", "duplicate email: E11000", "missing: null");
    }

    @Test
    void keepsItsDocumentsAndIndexesAcrossARestart() {
        Path file = directory.resolve("mongo.mv");
        with(new KeyValueH2Backend(file.toString()), (views, database) -> {
            views.insertOne(new Document("_id", "pm-1").append("title", "Checkout outage"));
            views.insertOne(new Document("_id", "pm-2").append("title", "Login loop"));
        });

        KeyValueH2Backend reopened = new KeyValueH2Backend(file.toString());
        with(reopened, (views, database) -> {
            assertThat(views.find(Filters.eq("_id", "pm-2")).first()).containsEntry("title", "Login loop");
            assertThatThrownBy(() -> views.insertOne(new Document("_id", "pm-1"))).isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("E11000");
        });
    }

    @Test
    void keepsEveryKindOfValueAcrossARestartAsTheStockBackendDoes() {
        assertThat(restarted(KeyValueH2Backend::new, directory.resolve("ours.mv")))
                .isEqualTo(restarted(H2Backend::new, directory.resolve("stock.mv")))
                .contains("\"title\": \"Zahlungen fielen aus – 支払い失敗\"");
    }

    /**
     * The server changes the document it read in place while it replaces it (fields the new one lacks removed, new ones
     * added). When the store held that very object, its background writer, serialising a page with it, failed
     * (ConcurrentModificationException) and closed the store; here pages are written back to back on another thread
     * while large documents are replaced with ones of other fields.
     */
    @Test
    void replacingDocumentsWhileTheStoreWritesItsPagesLeavesItWhole() throws Exception {
        KeyValueH2Backend backend = new KeyValueH2Backend(directory.resolve("mongo.mv").toString());
        java.util.concurrent.atomic.AtomicBoolean replacing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread committer = new Thread(() -> {
            while (replacing.get()) {
                backend.getMvStore().commit();
            }
        });
        with(backend, (views, database) -> {
            committer.start();
            for (int i = 0; i < 2_000; i++) {
                Document replacement = new Document("round", i);
                for (int field = 0; field < 300; field++) {
                    replacement.append("field-" + (i + field) % 400, "value " + i);
                }
                views.replaceOne(Filters.eq("_id", "pm-" + i % 5), replacement, new ReplaceOptions().upsert(true));
            }
            replacing.set(false);
            try {
                committer.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertThat(backend.getMvStore().isClosed()).isFalse();
            assertThat(views.countDocuments()).isEqualTo(5);
            assertThat(views.find(Filters.eq("_id", "pm-4")).first()).containsEntry("round", 1_999).containsEntry("field-399", "value 1999").doesNotContainKey("field-299")
                    .hasSize(302);
        });
    }

    /** A document of every kind of value a view holds (and some it does not), written, the server restarted, read. */
    private static String restarted(Function<String, MongoBackend> backend, Path file) {
        Document written = new Document("_id", "pm-1").append("title", "Zahlungen fielen aus – 支払い失敗")
                .append("version", 41L).append("count", 7).append("ratio", 0.25).append("published", true).append("nothing", null)
                .append("at", java.util.Date.from(java.time.Instant.parse("2026-11-20T10:07:00.123Z")))
                .append("owner", new ObjectId("5f1d7a2b9c8e4a0012345678"))
                .append("price", org.bson.types.Decimal128.parse("12.50"))
                .append("raw", new org.bson.types.Binary(new byte[] {1, 2, 3}))
                .append("tags", List.of("database", "retries"))
                .append("timeline", List.of(new Document("kind", "DETECTION").append("at", java.util.Date.from(java.time.Instant.EPOCH)),
                        new Document("kind", "USER_IMPACT").append("nested", new Document("deep", List.of(1, List.of(2, 3))))));
        with(backend.apply(file.toString()), (views, database) -> views.insertOne(written));
        List<String> read = new ArrayList<>();
        with(backend.apply(file.toString()), (views, database) -> read.add(views.find(Filters.eq("_id", "pm-1")).first().toJson()));
        return read.get(0);
    }

    @Test
    void opensAFileTheStockBackendWroteAndRebuildsItsIndexes() {
        Path file = directory.resolve("mongo.mv");
        with(new H2Backend(file.toString()), (views, database) -> {
            for (int i = 0; i < 100; i++) {
                views.insertOne(new Document("_id", "pm-" + i).append("title", "Incident " + i));
            }
        });

        KeyValueH2Backend ours = new KeyValueH2Backend(file.toString());
        with(ours, (views, database) -> {
            assertThat(ours.getMvStore().getMapNames()).noneMatch(name -> name.contains("._index_"))
                    .contains("postmortem.views._keys__id_");
            assertThat(views.countDocuments()).isEqualTo(100);
            assertThat(views.find(Filters.eq("_id", "pm-42")).first()).containsEntry("title", "Incident 42");
            assertThatThrownBy(() -> views.insertOne(new Document("_id", "pm-7"))).isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("E11000");
            assertThat(ours.getMvStore().<String, Object>openMap("meta.postmortem.views").get("postmortem.documentFormat"))
                    .as("its documents copied into BSON once").isEqualTo("bson");
            views.insertOne(new Document("_id", "pm-new").append("title", "Written after"));
        });

        with(new KeyValueH2Backend(file.toString()), (views, database) -> {
            assertThat(views.countDocuments()).isEqualTo(101);
            assertThat(views.find(Filters.eq("_id", "pm-99")).first()).containsEntry("title", "Incident 99");
            assertThat(views.find(Filters.eq("_id", "pm-new")).first()).containsEntry("title", "Written after");
        });
    }

    @Test
    void aRenamedCollectionTakesItsIndexesAlong() {
        Path file = directory.resolve("mongo.mv");
        with(new KeyValueH2Backend(file.toString()), (views, database) -> {
            views.insertOne(new Document("_id", "pm-old"));
            MongoCollection<Document> generation = database.getCollection("views_rebuild_1");
            generation.insertOne(new Document("_id", "pm-1").append("title", "Rebuilt"));
            generation.renameCollection(new MongoNamespace("postmortem", "views"), new RenameCollectionOptions().dropTarget(true));
            assertThatThrownBy(() -> views.insertOne(new Document("_id", "pm-1"))).isInstanceOf(MongoWriteException.class);
        });

        KeyValueH2Backend reopened = new KeyValueH2Backend(file.toString());
        with(reopened, (views, database) -> {
            assertThat(views.find(Filters.eq("_id", "pm-1")).first()).containsEntry("title", "Rebuilt");
            assertThat(views.find(Filters.eq("_id", "pm-old")).first()).isNull();
            assertThat(reopened.getMvStore().getMapNames()).noneMatch(name -> name.contains("rebuild_1"))
                    .contains("postmortem.views._keys__id_");
            assertThat(reopened.getMvStore().<Object, Object>openMap("postmortem.views._keys__id_").size()).isEqualTo(1);
        });
    }

    @Test
    void dropsTheMapsOfADroppedIndexAndCollection() {
        KeyValueH2Backend backend = new KeyValueH2Backend(directory.resolve("mongo.mv").toString());
        with(backend, (views, database) -> {
            views.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            views.insertOne(new Document("_id", "a").append("email", "ana@example.org"));
            assertThat(backend.getMvStore().getMapNames()).contains("postmortem.views._keys_email_1");

            views.dropIndex("email_1");
            assertThat(backend.getMvStore().getMapNames()).doesNotContain("postmortem.views._keys_email_1");
            views.drop();
            assertThat(backend.getMvStore().getMapNames()).noneMatch(name -> name.startsWith("postmortem.views."));
        });
    }

    /** The same operations, each answer written down: ids of several types, upserts, a unique index, ranges, deletes. */
    private static List<String> script(Function<String, MongoBackend> backend, Path file) {
        List<String> answers = new ArrayList<>();
        with(backend.apply(file.toString()), (views, database) -> {
            ObjectId objectId = new ObjectId("5f1d7a2b9c8e4a0012345678");
            List<Object> ids = List.of("pm-1", "pm-10", "pm-2", 1, 2L, 3.5, objectId, new Document("team", "payments").append("n", 1));
            for (Object id : ids) {
                views.insertOne(new Document("_id", id).append("email", "owner-" + id + "@example.org").append("n", ids.indexOf(id)));
            }
            answers.add("duplicate _id 1.0: " + error(() -> views.insertOne(new Document("_id", 1.0))));
            views.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            answers.add("duplicate email: " + error(() -> views.insertOne(new Document("_id", "x").append("email", "owner-pm-1@example.org"))));
            views.replaceOne(Filters.eq("_id", "pm-2"), new Document("email", "two@example.org").append("n", 99), new ReplaceOptions().upsert(true));
            views.replaceOne(Filters.eq("_id", "pm-3"), new Document("email", "three@example.org").append("n", 100), new ReplaceOptions().upsert(true));
            views.deleteOne(Filters.eq("_id", 2L));
            for (Object id : List.of("pm-1", "pm-2", "pm-3", 1, 1.0, 2L, 3.5, objectId, new Document("team", "payments").append("n", 1))) {
                answers.add(id + ": " + views.find(Filters.eq("_id", id)).first());
            }
            answers.add("missing: " + views.find(Filters.eq("_id", "pm-404")).first());
            answers.add("range: " + views.find(Filters.gt("_id", "pm-10")).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            answers.add("in: " + views.find(Filters.in("_id", "pm-1", "pm-3", 3.5)).sort(Sorts.ascending("n")).into(new ArrayList<>()));
            answers.add("by email: " + views.find(Filters.eq("email", "three@example.org")).first());
            answers.add("count: " + views.countDocuments());
        });
        return answers;
    }

    private static String error(Runnable write) {
        try {
            write.run();
            return "none";
        } catch (MongoWriteException e) {
            return "E" + e.getCode();
        }
    }

    /** Serves the backend, hands its {@code postmortem.views} to the work, and shuts the server (and the file) down. */
    private static void with(MongoBackend backend, Work work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoDatabase database = client.getDatabase("postmortem");
            work.run(database.getCollection("views"), database);
        } finally {
            server.shutdown();
        }
    }

    private interface Work {
        void run(MongoCollection<Document> views, MongoDatabase database);
    }
}
