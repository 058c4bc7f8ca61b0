package dev.postmortem.query.postmortem;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the history in buckets of versions, on the embedded MongoDB-wire server — read back whole and in version
 * order across buckets, written again without a change (as after a redelivery), and read together with entries an
 * earlier version stored one per document.
 */
@ExtendWith(LocalStackExtension.class)
class HistoryBucketsIT {

    private final SimpleMongoClientDatabaseFactory factory =
            new SimpleMongoClientDatabaseFactory(LocalStackExtension.shared().getProperty(LocalStackAddresses.MONGODB_URI));
    private final MongoTemplate mongo = new MongoTemplate(factory);
    private final String collection = "history_it_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void drop() throws Exception {
        mongo.dropCollection(collection);
        factory.destroy();
    }

    @Test
    void entriesAcrossBucketsReadBackInVersionOrderAndWritingThemAgainChangesNothing() {
        List<HistoryEntry> first = entries("pm-a", 0, 20);
        List<HistoryEntry> second = entries("pm-a", 21, 39);
        HistoryBuckets.write(mongo, collection, first);
        HistoryBuckets.write(mongo, collection, second);
        HistoryBuckets.write(mongo, collection, entries("pm-b", 0, 5));

        List<HistoryEntry> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(HistoryBuckets.read(mongo, collection, "pm-a", 39)).isEqualTo(all);
        assertThat(HistoryBuckets.read(mongo, collection, "pm-a", 17)).isEqualTo(all.subList(0, 18));
        assertThat(HistoryBuckets.read(mongo, collection, "pm-b", 5)).extracting(HistoryEntry::postMortemId).containsOnly("pm-b").hasSize(6);
        assertThat(documents()).as("40 + 6 entries in buckets of " + HistoryBuckets.SIZE).isEqualTo(3 + 1);

        HistoryBuckets.write(mongo, collection, entries("pm-a", 15, 25));
        assertThat(HistoryBuckets.read(mongo, collection, "pm-a", 39)).as("after writing 15-25 again").isEqualTo(all);
        assertThat(documents()).isEqualTo(4);
    }

    @Test
    void entriesAnEarlierVersionStoredOnePerDocumentAreReadWhereTheBucketsLackThem() {
        List<HistoryEntry> older = entries("pm-c", 0, 17);
        for (HistoryEntry entry : older) {
            Document stored = new Document();
            mongo.getConverter().write(entry.withChanges(List.of(new ViewChanges.Change("title", null, "Title " + entry.version()))), stored);
            mongo.getCollection(collection).insertOne(stored);
        }
        List<HistoryEntry> newer = entries("pm-c", 18, 20);
        HistoryBuckets.write(mongo, collection, newer);

        List<HistoryEntry> read = HistoryBuckets.read(mongo, collection, "pm-c", 20);
        assertThat(read).extracting(HistoryEntry::version).containsExactlyElementsOf(LongStream.rangeClosed(0, 20).boxed().toList());
        assertThat(read.subList(18, 21)).isEqualTo(newer);
        assertThat(read.get(3).eventId()).isEqualTo(older.get(3).eventId());
    }

    @Test
    void aPostMortemWithoutEntriesHasNone() {
        HistoryBuckets.write(mongo, collection, entries("pm-d", 0, 3));
        assertThat(HistoryBuckets.read(mongo, collection, "pm-e", 3)).isEmpty();
        assertThat(HistoryBuckets.read(mongo, collection, "pm-d", -1)).isEmpty();
    }

    private long documents() {
        return mongo.getCollection(collection).countDocuments();
    }

    private static List<HistoryEntry> entries(String postMortemId, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(version -> new HistoryEntry(HistoryEntry.idOf(postMortemId, version), postMortemId,
                version, UUID.nameUUIDFromBytes((postMortemId + version).getBytes()).toString(), "dev.postmortem.TitleChanged",
                "TitleChanged", Instant.ofEpochMilli(1_796_000_000_000L + version * 1_000), "ana", version % 3 == 0 ? "regraded" : null,
                null, null, Map.of("title", "Title " + version, "postMortemId", postMortemId))).toList();
    }
}
