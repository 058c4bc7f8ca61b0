package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.Pause;
import dev.postmortem.query.projection.ProjectionCollections;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What "nothing lost, nothing doubled" means, checked against every place the system keeps a post-mortem: the event
 * store (PostgreSQL, read with plain SQL), the topic (read from the start with a plain consumer), the views and their
 * history (MongoDB) and the search index (Elasticsearch, over its REST API). The tests that break things call
 * {@link #check} once the load has stopped and the servers are back.
 */
final class Reconciliation implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "postmortem.events";
    private static final String INDEX_ALIAS = "postmortems";

    /** One row of the event store. */
    record StoredEvent(String postMortemId, long sequence, String eventId, String payloadType) {
    }

    /** What one check saw, for the figures in RELIABILITY.md. */
    record Figures(int postMortems, int storedEvents, int topicRecords, int topicDuplicates, int historyEntries, int indexedDocuments) {
        @Override
        public String toString() {
            return postMortems + " post-mortems, " + storedEvents + " stored events, " + topicRecords + " topic records ("
                    + topicDuplicates + " redelivered duplicates), " + historyEntries + " history entries, " + indexedDocuments
                    + " indexed documents";
        }
    }

    private final Properties addresses;
    private final SimpleMongoClientDatabaseFactory mongoClient;
    private final MongoTemplate mongo;

    Reconciliation(Properties addresses) {
        this.addresses = addresses;
        this.mongoClient = new SimpleMongoClientDatabaseFactory(addresses.getProperty(LocalStackAddresses.MONGODB_URI));
        this.mongo = new MongoTemplate(mongoClient);
    }

    MongoTemplate mongo() {
        return mongo;
    }

    @Override
    public void close() throws Exception {
        mongoClient.destroy();
    }

    /**
     * Waits (up to the timeout) for the views and the index to hold every stored event, then asserts that all places
     * agree: every acknowledged version is stored; the store has no gaps, doubles or unreadable payloads; the topic
     * carries every stored event and nothing else; each post-mortem's history has exactly its stored events; each
     * view and indexed document is at the stored version; and the views equal a fresh rebuild from the topic.
     *
     * @param acknowledged for every post-mortem, the highest version a 2xx answer handed out
     * @param queryService where query-service answers now (for the rebuild)
     */
    Figures check(Map<String, Long> acknowledged, Supplier<HttpApi> queryService, Duration timeout) {
        Map<String, List<StoredEvent>> stored = eventStore();
        assertWhole(stored);
        acknowledged.forEach((id, version) -> assertThat(stored.getOrDefault(id, List.of()).size() - 1L)
                .as("the stored version of %s, which a 2xx answered with version %s", id, version).isGreaterThanOrEqualTo(version));

        Map<String, Long> storedVersions = new TreeMap<>();
        stored.forEach((id, events) -> storedVersions.put(id, events.size() - 1L));
        awaitCaughtUp("views", storedVersions, this::viewVersions, timeout);
        awaitCaughtUp("search index", storedVersions, this::indexedVersions, timeout);

        Map<String, List<String>> onTopic = topic();
        int topicRecords = onTopic.values().stream().mapToInt(List::size).sum();
        Map<String, Set<String>> history = historyEventIds();
        int duplicates = 0;
        for (Map.Entry<String, List<StoredEvent>> entry : stored.entrySet()) {
            Set<String> storedIds = new HashSet<>();
            entry.getValue().forEach(event -> storedIds.add(event.eventId()));
            List<String> published = onTopic.getOrDefault(entry.getKey(), List.of());
            assertThat(new HashSet<>(published)).as("events of %s on the topic", entry.getKey()).isEqualTo(storedIds);
            duplicates += published.size() - storedIds.size();
            assertThat(history.getOrDefault(entry.getKey(), Set.of())).as("history of %s", entry.getKey()).isEqualTo(storedIds);
        }
        assertThat(onTopic.keySet()).as("post-mortems on the topic").isEqualTo(stored.keySet());
        long historyEntries = historyEntries();
        assertThat(historyEntries).as("history entries, one per stored event").isEqualTo(stored.values().stream().mapToLong(List::size).sum());

        Map<String, List<Document>> live = ReadModelSnapshot.of(mongo);
        queryService.get().post("/api/admin/rebuild", null).ok();
        assertThat(ReadModelSnapshot.of(mongo)).as("the live views equal a fresh rebuild").isEqualTo(live);
        return new Figures(stored.size(), (int) stored.values().stream().mapToLong(List::size).sum(), topicRecords, duplicates,
                (int) historyEntries, indexedVersions().size());
    }

    /** Every event in the store, by post-mortem, in sequence order. */
    Map<String, List<StoredEvent>> eventStore() {
        Map<String, List<StoredEvent>> events = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(addresses.getProperty(LocalStackAddresses.POSTGRES_JDBC_URL),
                addresses.getProperty(LocalStackAddresses.POSTGRES_USERNAME), addresses.getProperty(LocalStackAddresses.POSTGRES_PASSWORD));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT aggregateidentifier, sequencenumber, eventidentifier, payloadtype, payload "
                     + "FROM domainevententry ORDER BY aggregateidentifier, sequencenumber")) {
            while (rows.next()) {
                StoredEvent event = new StoredEvent(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4));
                assertPayloadReadable(event, rows.getBytes(5));
                events.computeIfAbsent(event.postMortemId(), id -> new ArrayList<>()).add(event);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store", e);
        }
        return events;
    }

    /** No half-written history: each post-mortem's events run 0, 1, 2… without a gap, and no event is stored twice. */
    private static void assertWhole(Map<String, List<StoredEvent>> stored) {
        Set<String> eventIds = new HashSet<>();
        stored.forEach((id, events) -> {
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).sequence()).as("sequence number %s of %s", i, id).isEqualTo(i);
                assertThat(eventIds.add(events.get(i).eventId())).as("event %s stored once", events.get(i).eventId()).isTrue();
            }
            assertThat(events.get(0).payloadType()).as("first event of %s", id).endsWith("PostMortemCreated");
        });
    }

    private static void assertPayloadReadable(StoredEvent event, byte[] payload) {
        try {
            assertThat(JSON.readTree(payload).isObject()).as("payload of %s is a JSON object", event).isTrue();
        } catch (IOException e) {
            fail("payload of " + event + " is not JSON: " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** For every post-mortem on the topic, the CloudEvent ids of its records in topic order (redeliveries included). */
    Map<String, List<String>> topic() {
        Map<String, List<String>> ids = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS),
                ConsumerConfig.GROUP_ID_CONFIG, "reconciliation-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plusSeconds(120);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition))) {
                assertThat(Instant.now()).as("reading the topic to its end").isBefore(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = readJson(record.value());
                    ids.computeIfAbsent(event.path("subject").asText(), id -> new ArrayList<>()).add(event.path("id").asText());
                }
            }
        }
        return ids;
    }

    /** How many history entries the views hold, all post-mortems together (the entries of every bucket). */
    long historyEntries() {
        long entries = 0;
        for (Document bucket : mongo.getCollection(ProjectionCollections.LIVE.history()).find().projection(new Document("entries", 1))) {
            entries += bucket.get("entries", Document.class).size();
        }
        return entries;
    }

    /** For every view, its version. */
    Map<String, Long> viewVersions() {
        Map<String, Long> versions = new TreeMap<>();
        for (Document view : mongo.getCollection(ProjectionCollections.LIVE.views()).find().projection(new Document("version", 1))) {
            versions.put(view.get("_id").toString(), ((Number) view.get("version")).longValue());
        }
        return versions;
    }

    /** For every post-mortem, the event ids its history holds (a doubled entry would show as a count mismatch). */
    private Map<String, Set<String>> historyEventIds() {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Document bucket : mongo.getCollection(ProjectionCollections.LIVE.history()).find()) {
            for (Object entry : bucket.get("entries", Document.class).values()) {
                ids.computeIfAbsent(bucket.getString("postMortemId"), id -> new HashSet<>()).add(((Document) entry).getString("eventId"));
            }
        }
        return ids;
    }

    /** For every document in the search index, its version (read from Elasticsearch directly, not through the API). */
    Map<String, Long> indexedVersions() {
        Map<String, Long> versions = new TreeMap<>();
        byte[] result = elasticsearch("/" + INDEX_ALIAS + "/_search?size=10000&_source=version", 200, 404);
        if (result != null) {
            for (JsonNode hit : readJson(result).path("hits").path("hits")) {
                versions.put(hit.path("_id").asText(), hit.path("_source").path("version").asLong());
            }
        }
        return versions;
    }

    /** The names of the search indexes behind or beside the alias ({@code postmortems-<millis>}). */
    Set<String> searchIndexes() {
        JsonNode indexes = readJson(elasticsearch("/" + INDEX_ALIAS + "-*", 200));
        Set<String> names = new java.util.TreeSet<>();
        indexes.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private byte[] elasticsearch(String path, int... acceptedStatus) {
        String uri = addresses.getProperty(LocalStackAddresses.ELASTICSEARCH_URIS).split(",")[0];
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(30)).build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s: %s", path, new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                                             .isIn(java.util.Arrays.stream(acceptedStatus).boxed().toList());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitCaughtUp(String what, Map<String, Long> expected, Supplier<Map<String, Long>> actual, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Long> seen = Map.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                seen = actual.get();
                if (seen.equals(expected)) {
                    return;
                }
            } catch (RuntimeException notReadable) {
                seen = Map.of("unreadable: " + notReadable.getMessage(), -1L);
            }
            Pause.millis(500);
        }
        Map<String, String> differences = new LinkedHashMap<>();
        for (String id : expected.keySet()) {
            if (!expected.get(id).equals(seen.get(id))) {
                differences.put(id, "stored " + expected.get(id) + ", " + what + " " + seen.get(id));
            }
        }
        for (Map.Entry<String, Long> extra : seen.entrySet()) {
            if (!expected.containsKey(extra.getKey())) {
                differences.put(extra.getKey(), "not stored, " + what + " " + extra.getValue());
            }
        }
        fail(what + " did not reach the stored versions within " + timeout + "; " + differences.size() + " differ, e.g. "
                + differences.entrySet().stream().limit(5).toList());
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
