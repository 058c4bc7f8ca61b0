package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the topic as an outside analytics consumer would: its own consumer group, from the beginning, and every
 * message checked against the published JSON Schema of its type (from shared-events' schemas/events).
 */
final class TopicReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Message> messages = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-analytics-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until the messages read so far satisfy the condition, or fails after the timeout. */
    List<Message> readUntil(Predicate<List<Message>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(messages)) {
            assertThat(Instant.now()).as("messages so far: %s", messages.size()).isBefore(deadline);
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                messages.add(validated(record));
            }
        }
        return List.copyOf(messages);
    }

    private Message validated(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode cloudEvent = JSON.readTree(record.value());
            String type = cloudEvent.path("type").asText();
            JsonSchema schema = schemas.computeIfAbsent(type, TopicReader::loadSchema);
            Set<ValidationMessage> errors = schema.validate(cloudEvent);
            assertThat(errors).as("message %s against the schema of %s", cloudEvent, type).isEmpty();
            assertThat(record.key()).as("key = subject = post-mortem id").isEqualTo(cloudEvent.path("subject").asText());
            return new Message(record.key(), record.partition(), record.offset(), cloudEvent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema loadSchema(String type) {
        InputStream in = TopicReader.class.getResourceAsStream("/schemas/events/" + type + ".schema.json");
        assertThat(in).as("published schema of %s", type).isNotNull();
        return SCHEMAS.getSchema(in);
    }

    @Override
    public void close() {
        consumer.close();
    }

    record Message(String key, int partition, long offset, JsonNode cloudEvent) {

        String id() {
            return cloudEvent.path("id").asText();
        }

        long sequence() {
            return cloudEvent.path("aggregatesequence").asLong();
        }

        String type() {
            return cloudEvent.path("type").asText();
        }
    }
}
