package dev.postmortem.command.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.command.config.AxonConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A PostMortemCreated stored in revision 1 (the golden file, never edited) is read as an open post-mortem in revision 2. */
class PostMortemCreatedUpcasterTest {

    private static final ObjectMapper MAPPER = AxonConfiguration.eventObjectMapper();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(MAPPER).build();

    @Test
    void revision1ReadsAsAnOpenPostMortemInRevision2() throws Exception {
        String stored = Files.readString(Path.of("src/test/resources/events/PostMortemCreated.rev1.json"));
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("PostMortem", "6f1c1f0e-2d6b-4c36-9a40-7c1e8f0c2a11",
                0, "event-1", Instant.parse("2026-11-20T10:07:00Z"), PostMortemCreated.class.getName(), "1", stored, "{}");
        List<IntermediateEventRepresentation> upcast = new PostMortemCreatedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        JsonNode data = upcast.get(0).getData(JsonNode.class).getData();
        PostMortemCreated event = serializer.deserialize(new SimpleSerializedObject<>(data, JsonNode.class, upcast.get(0).getType()));
        assertThat(event).isEqualTo(new PostMortemCreated("6f1c1f0e-2d6b-4c36-9a40-7c1e8f0c2a11", "sample title"));
        assertThat(event.restricted()).isFalse();
    }

    @Test
    void leavesEveryOtherEventAlone() {
        GenericDomainEventEntry<String> revision2 = new GenericDomainEventEntry<>("PostMortem", "pm", 0, "event-2", Instant.EPOCH,
                PostMortemCreated.class.getName(), "2", "{\"postMortemId\":\"pm\",\"title\":\"t\",\"restrictedToPeople\":[\"ana\"],"
                + "\"restrictedToGroups\":[]}", "{}");
        List<IntermediateEventRepresentation> upcast = new PostMortemCreatedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(revision2, serializer))).toList();
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(upcast.get(0).getData(JsonNode.class).getData().path("restrictedToPeople").get(0).asText()).isEqualTo("ana");
    }
}
