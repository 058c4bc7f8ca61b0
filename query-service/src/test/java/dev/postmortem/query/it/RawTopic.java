package dev.postmortem.query.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.query.stream.EventJson;
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

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The event topic and its dead-letter topic on the shared local stack, reached directly as a broken or out-of-order
 * publisher would: records go on as raw bytes, past the command service and its checks.
 */
final class RawTopic {

    static final String TOPIC = "postmortem.events";
    static final String DEAD_LETTERS = "postmortem.events.dlt";

    private RawTopic() {
    }

    /** Sends the records in this order, each keyed by a post-mortem id, and waits until the broker has them all. */
    static void send(String key, byte[]... values) throws ExecutionException, InterruptedException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A message as the command service writes it (docs/event-stream.md), for any type name: a known one, an unknown
     * one, or a known event in a revision nobody reads yet.
     */
    static byte[] cloudEvent(String type, String postMortemId, long sequence, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("specversion", "1.0");
        message.put("id", UUID.randomUUID().toString());
        message.put("source", "/raw-topic-test");
        message.put("type", type);
        message.put("datacontenttype", "application/json");
        message.put("subject", postMortemId);
        message.put("time", Instant.now().toString());
        message.put("actor", "raw-topic-test");
        message.put("aggregatesequence", sequence);
        message.put("data", data);
        try {
            return EventJson.MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A known event of the current contract, under its own type name. */
    static byte[] cloudEvent(PostMortemEvent event, String postMortemId, long sequence) {
        return cloudEvent(EventTypes.typeOf(event.getClass()), postMortemId, sequence, event);
    }

    /** The values parked for this key, read from the start of the dead-letter topic (waiting up to 30 s for one). */
    static List<byte[]> parked(String key) {
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-topic-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
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

    /** The first {@code count} records of one post-mortem on the event topic, as they are there (waits up to 30 s for them). */
    static List<ConsumerRecord<String, byte[]>> eventsOf(String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(250)).forEach(record -> {
                    if (record.key().equals(key)) {
                        found.add(record);
                    }
                });
            }
        }
        if (found.size() != count) {
            throw new AssertionError("expected " + count + " records of " + key + " on the topic, found " + found.size());
        }
        return found;
    }

    private static String bootstrap() {
        return LocalStackExtension.shared().getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS);
    }
}
