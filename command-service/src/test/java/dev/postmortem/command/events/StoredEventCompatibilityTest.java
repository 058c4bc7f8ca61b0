package dev.postmortem.command.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.command.config.AxonConfiguration;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Events are forever. Each released event revision has its stored JSON under src/test/resources/events; this test
 * fails when a class is renamed or moved, when its revision changes, or when its JSON shape changes in place. The
 * right fix is never to edit a golden file: add a new revision and an upcaster for the old one.
 */
class StoredEventCompatibilityTest {

    private static final Path GOLDEN = Path.of("src/test/resources/events");
    private static final ObjectMapper MAPPER = AxonConfiguration.eventObjectMapper();

    @Test
    void everyReleasedEventTypeStillExistsWithItsRevision() throws IOException {
        List<String> released = Files.readAllLines(GOLDEN.resolve("released-types.txt")).stream()
                                     .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        for (String line : released) {
            String[] typeAndRevision = line.split("\\s+");
            Class<?> type;
            try {
                type = Class.forName(typeAndRevision[0]);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("released event type " + typeAndRevision[0] + " is gone: stored events name it", e);
            }
            Revision revision = type.getAnnotation(Revision.class);
            assertThat(revision).as("@Revision of %s", type.getName()).isNotNull();
            assertThat(Integer.parseInt(revision.value()))
                    .as("revision of %s may only grow", type.getName())
                    .isGreaterThanOrEqualTo(Integer.parseInt(typeAndRevision[1]));
        }
        TreeSet<String> current = Arrays.stream(PostMortemEvent.class.getPermittedSubclasses())
                .map(type -> type.getName() + " " + type.getAnnotation(Revision.class).value())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(released).as("add new event types to released-types.txt").containsAll(current);
    }

    @TestFactory
    Stream<DynamicTest> storedJsonOfEachRevisionStillReadsAndIsStillWritten() {
        return Arrays.stream(PostMortemEvent.class.getPermittedSubclasses()).map(type -> DynamicTest.dynamicTest(
                type.getSimpleName(), () -> {
                    String revision = type.getAnnotation(Revision.class).value();
                    Path golden = GOLDEN.resolve(type.getSimpleName() + ".rev" + revision + ".json");
                    Object sample = sample(type);
                    if (!Files.exists(golden)) {
                        Files.writeString(golden, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n",
                                StandardCharsets.UTF_8);
                        fail("No stored JSON for " + type.getSimpleName() + " revision " + revision + " yet: wrote " + golden
                                + "; review it, commit it, and never edit it afterwards");
                    }
                    JsonNode stored = MAPPER.readTree(golden.toFile());
                    assertThat(MAPPER.treeToValue(stored, type)).as("stored JSON still reads").isEqualTo(sample);
                    assertThat((Object) MAPPER.valueToTree(sample)).as("the event is still written as stored").isEqualTo(stored);
                }));
    }

    /** A deterministic instance: every component gets a value derived from its name and type. */
    static Object sample(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i].getName(), components[i].getType(), components[i].getGenericType());
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(String name, Class<?> type, Type genericType) {
        if (type == String.class) {
            return name.equals("postMortemId") ? "6f1c1f0e-2d6b-4c36-9a40-7c1e8f0c2a11" : "sample " + name;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-20T10:07:00Z");
        }
        if (type == LocalDate.class) {
            return LocalDate.parse("2026-12-15");
        }
        if (type == int.class) {
            return 2;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == List.class && genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()) {
            return List.of(element.getEnumConstants()[0], element.getEnumConstants()[1]);
        }
        if (type == List.class && genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] == String.class) {
            return List.of("sample " + name);
        }
        throw new IllegalArgumentException("no sample for " + name + " of " + genericType + ": extend sampleValue");
    }
}
