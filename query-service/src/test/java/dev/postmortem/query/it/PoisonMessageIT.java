package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record nobody can read lands on the topic between a post-mortem's events: the projections park it on the
 * dead-letter topic and go on, so the events after it (in the same poll or the next) still reach the views and the
 * index; a rebuild from the topic skips it. The projections work a poll at a time; this holds them to parking exactly
 * the bad record.
 */
class PoisonMessageIT extends WholeSystemTest {

    @Test
    void anUnreadableRecordIsParkedAndTheEventsAfterItStillArrive() throws Exception {
        String word = "poison" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String id = commands.post("/api/postmortems", "{\"title\":\"Parked record " + word + "\"}").ok().body().path("id").asText();
        queries.get("/api/postmortems/" + id + "?minVersion=0").ok();

        byte[] garbage = ("not a CloudEvent " + word).getBytes(StandardCharsets.UTF_8);
        String bootstrap = LocalStackExtension.shared().getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("postmortem.events", id, garbage)).get(30, TimeUnit.SECONDS);
        }
        long version = 0;
        for (String level : List.of("SEV3", "SEV2", "SEV1")) {
            version = commands.put("/api/postmortems/" + id + "/severity", "{\"level\":\"" + level + "\"}").ok().version();
        }

        assertThat(queries.get("/api/postmortems/" + id + "?minVersion=" + version).ok().body().path("severity").asText()).isEqualTo("SEV1");
        await("the index has the events after the bad record").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(queries.get("/api/search?q=" + word + "&severity=SEV1").ok().body().path("total").asLong()).isPositive());
        assertThat(parked(bootstrap, id)).as("parked records of this post-mortem on postmortem.events.dlt")
                                         .isNotEmpty().allSatisfy(value -> assertThat(value).isEqualTo(garbage));

        JsonNode rebuilt = queries.post("/api/admin/rebuild", null).ok().body();
        assertThat(rebuilt.path("unreadableSkipped").asLong()).as("a rebuild skips what the live projections parked").isPositive();
        assertThat(queries.get("/api/postmortems/" + id).ok().body().path("severity").asText()).isEqualTo("SEV1");
    }

    /** The values parked for this key, read from the start of the dead-letter topic. */
    private static List<byte[]> parked(String bootstrap, String key) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "poison-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("postmortem.events.dlt"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }
}
