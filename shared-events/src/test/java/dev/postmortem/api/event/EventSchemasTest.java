package dev.postmortem.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The JSON Schema of each message on the Kafka topic (CloudEvents envelope + the event's data) is a published
 * contract: one file per event type and revision in src/main/resources/schemas/events (shipped in this jar). This
 * test derives each schema from its record and fails when the committed file differs, or writes a missing one.
 */
class EventSchemasTest {

    static final Path SCHEMAS = Path.of("src/main/resources/schemas/events");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyEventTypeHasItsCommittedSchema() {
        return EventTypes.all().stream().sorted(java.util.Comparator.comparing(Class::getSimpleName))
                .map(type -> DynamicTest.dynamicTest(EventTypes.typeOf(type), () -> {
                    Path file = SCHEMAS.resolve(EventTypes.typeOf(type) + ".schema.json");
                    JsonNode derived = schemaOf(type);
                    if (!Files.exists(file)) {
                        Files.createDirectories(SCHEMAS);
                        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(derived) + "\n");
                        fail("wrote the missing schema " + file + ": review and commit it");
                    }
                    assertThat(JSON.readTree(file.toFile()))
                            .as("%s no longer matches its record: a released revision never changes; add a new one", file)
                            .isEqualTo(derived);
                }));
    }

    static JsonNode schemaOf(Class<? extends PostMortemEvent> type) {
        String eventType = EventTypes.typeOf(type);
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:postmortem:schema:" + eventType);
        schema.put("title", type.getSimpleName() + " (revision " + EventTypes.revisionOf(type) + ")");
        schema.put("description", "A " + type.getSimpleName() + " event on the postmortem.events topic: a CloudEvents 1.0 "
                + "message in structured JSON mode; key = the post-mortem id. See docs/event-stream.md.");
        schema.put("type", "object");
        ArrayNode required = schema.putArray("required");
        List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "actor", "aggregatesequence", "data")
            .forEach(required::add);
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("const", "1.0");
        properties.putObject("id").put("type", "string").put("minLength", 1)
                  .put("description", "The event id: unique, the same on every redelivery. Deduplicate by it.");
        properties.putObject("source").put("type", "string").put("minLength", 1);
        properties.putObject("type").put("const", eventType);
        properties.putObject("subject").put("type", "string").put("minLength", 1).put("description", "The post-mortem id.");
        properties.putObject("time").put("type", "string").put("format", "date-time");
        properties.putObject("datacontenttype").put("const", "application/json");
        properties.putObject("actor").put("type", "string").put("minLength", 1)
                  .put("description", "The authenticated principal who caused the event.");
        properties.putObject("aggregatesequence").put("type", "integer").put("minimum", 0)
                  .put("description", "The post-mortem's version after this event: 0, 1, 2, ... in order per post-mortem.");
        properties.putObject("traceid").put("type", "string").put("description", "Ties together everything one request caused.");
        properties.putObject("correlationid").put("type", "string").put("description", "The id of the command that caused it.");
        properties.putObject("reason").put("type", "string").put("description", "Why the change was made, if the author said.");
        properties.set("data", dataSchema(type));
        return schema;
    }

    private static ObjectNode dataSchema(Class<?> type) {
        ObjectNode data = JSON.createObjectNode();
        data.put("type", "object");
        data.put("additionalProperties", false);
        ArrayNode required = data.putArray("required");
        ObjectNode properties = data.putObject("properties");
        for (RecordComponent component : type.getRecordComponents()) {
            required.add(component.getName());
            properties.set(component.getName(), valueSchema(component.getType(), component.getGenericType()));
        }
        return data;
    }

    private static ObjectNode valueSchema(Class<?> type, Type genericType) {
        ObjectNode schema = JSON.createObjectNode();
        if (type == String.class) {
            schema.put("type", "string");
        } else if (type == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type == LocalDate.class) {
            schema.put("type", "string").put("format", "date");
        } else if (type == int.class || type == long.class) {
            schema.put("type", "integer");
        } else if (type.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (type == List.class && genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            schema.put("type", "array");
            schema.set("items", valueSchema(element, element));
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for " + genericType + ": extend valueSchema");
        }
        return schema;
    }
}
