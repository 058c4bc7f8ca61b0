package dev.postmortem.bench;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.postmortem.localstack.mongo.KeyValueH2Backend;
import org.bson.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The embedded read store's own rate: bulk upserts (unordered, {@code --bulk} at a time, random ids, documents shaped
 * like a history entry) into one collection of mongo-java-server on an H2 file, through the MongoDB driver, as the
 * projections write. The rate is measured over the last {@code --window} documents before each size in
 * {@code --sizes}, so the curve shows how a write's cost grows with the collection. The stock H2 backend and the
 * project's ({@link KeyValueH2Backend}) run one after the other in the same process.
 *
 * <pre>bench/store.sh [--sizes 10000,100000,500000] [--bulk 500] [--window 5000] [--seed 42] [--backends stock,project]</pre>
 */
public final class StoreBench {

    private StoreBench() {
    }

    public static void main(String[] args) throws IOException {
        Arguments given = Arguments.parse(args, "--sizes", "--bulk", "--window", "--seed", "--backends");
        List<Integer> sizes = given.integers("--sizes", List.of(10_000, 100_000, 500_000));
        int bulk = given.integer("--bulk", 500);
        int window = given.integer("--window", 5_000);
        long seed = given.number("--seed", 42);
        Map<String, Function<String, MongoBackend>> backends = new LinkedHashMap<>();
        List<String> chosen = given.words("--backends", List.of("stock", "project"));
        if (chosen.contains("stock")) {
            backends.put("stock H2Backend", H2Backend::new);
        }
        if (chosen.contains("project")) {
            backends.put("KeyValueH2Backend", KeyValueH2Backend::new);
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (Map.Entry<String, Function<String, MongoBackend>> backend : backends.entrySet()) {
            rates.put(backend.getKey(), measure(backend.getKey(), backend.getValue(), sizes, bulk, window, seed));
        }
        System.out.printf("%n| backend | %s |%n|---|%s%n", String.join(" | ", sizes.stream().map(size -> String.format("%,d documents", size)).toList()),
                "---:|".repeat(sizes.size()));
        rates.forEach((name, perSize) -> System.out.printf("| %s | %s |%n", name,
                String.join(" | ", perSize.stream().map(rate -> String.format("%,.0f", rate)).toList())));
    }

    private static List<Double> measure(String name, Function<String, MongoBackend> backend, List<Integer> sizes, int bulk, int window,
                                        long seed) throws IOException {
        Path directory = Files.createTempDirectory("store-bench");
        MongoServer server = new MongoServer(backend.apply(directory.resolve("mongo.mv").toString()));
        List<Double> rates = new ArrayList<>();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> history = client.getDatabase("bench").getCollection("history");
            SplittableRandom random = new SplittableRandom(seed);
            int written = 0;
            for (int size : sizes) {
                long windowStarted = 0;
                while (written < size) {
                    if (written <= size - window && written + bulk > size - window) {
                        windowStarted = System.nanoTime();
                    }
                    List<WriteModel<Document>> models = new ArrayList<>();
                    for (int i = 0; i < bulk; i++) {
                        Document entry = entry(random);
                        models.add(new ReplaceOneModel<>(Filters.eq("_id", entry.getString("_id")), entry, new ReplaceOptions().upsert(true)));
                    }
                    history.bulkWrite(models);
                    written += bulk;
                }
                double rate = Math.min(window, written) / ((System.nanoTime() - windowStarted) / 1e9);
                rates.add(rate);
                System.out.printf("%s: %,d documents, %,.0f upserts/s over the last %,d%n", name, written, rate, window);
                reads(name, history, random, size);
            }
        } finally {
            server.shutdown();
            deleteRecursively(directory);
        }
        return rates;
    }

    /** The store's file is gigabytes at 500,000 documents: nothing of a run is left in the temporary directory. */
    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * One post-mortem's history, 50 entries, read the two ways the query service could ask: by {@code postMortemId}
     * (which the embedded server answers by scanning the collection: it ignores secondary indexes) and by the entries'
     * ids ({@code _id $in}, answered from the {@code _id} index). Milliseconds per read, median of 11.
     */
    private static void reads(String name, MongoCollection<Document> history, SplittableRandom random, int size) {
        String postMortem = "read-" + size;
        List<String> ids = new ArrayList<>();
        for (int version = 0; version < 50; version++) {
            Document entry = entry(random).append("_id", postMortem + ":" + version).append("postMortemId", postMortem);
            history.replaceOne(Filters.eq("_id", entry.getString("_id")), entry, new ReplaceOptions().upsert(true));
            ids.add(entry.getString("_id"));
        }
        String byField = medianMillis(() -> history.find(Filters.eq("postMortemId", postMortem)).into(new ArrayList<>()).size());
        String byIds = medianMillis(() -> history.find(Filters.in("_id", ids)).into(new ArrayList<>()).size());
        System.out.printf("%s: %,d documents, one post-mortem's 50 entries by postMortemId %s, by _id $in %s%n", name, size, byField, byIds);
    }

    /**
     * The median time of 11 reads, or how a read failed: a scan that runs while the store compacts its file can meet a
     * chunk already freed ("Chunk … not found", seen from the stock backend at 500,000 documents).
     */
    private static String medianMillis(IntSupplier read) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            long started = System.nanoTime();
            try {
                if (read.getAsInt() != 50) {
                    throw new IllegalStateException("a read did not find the post-mortem's 50 entries");
                }
            } catch (MongoException e) {
                return "failed (" + e.getMessage() + ")";
            }
            millis.add((System.nanoTime() - started) / 1e6);
        }
        return String.format("%.1f ms", millis.stream().sorted().toList().get(5));
    }

    /** About 1 KB, as a history entry: ids, who and when, and a few changed fields with old and new text. */
    private static Document entry(SplittableRandom random) {
        String postMortem = new UUID(random.nextLong(), random.nextLong()).toString();
        List<Document> changes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            changes.add(new Document("field", "timeline[" + random.nextInt(1000) + "].description")
                    .append("oldValue", "The checkout service answered slowly for customers in region " + random.nextInt(40))
                    .append("newValue", "Connection pool exhausted on the payments database after a deploy " + random.nextInt(1000)));
        }
        return new Document("_id", postMortem + ":" + random.nextInt(50))
                .append("postMortemId", postMortem).append("version", random.nextInt(50))
                .append("type", "TimelineEntryAdded").append("actor", "facilitator").append("at", new Date())
                .append("changes", changes);
    }
}
