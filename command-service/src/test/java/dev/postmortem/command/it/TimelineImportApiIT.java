package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An incident's log into the timeline over HTTP: the preview stores nothing, the import adds what was picked, once. */
class TimelineImportApiIT extends RunningServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EventStore eventStore;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = api().as(TestUsers.AUTHOR);
    }

    String create(String title) {
        return api.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TimelineImportApiIT.class.getResourceAsStream("/import/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPagerDutyLogIsPreviewedThenThePickedEntriesAreImportedOnce() throws IOException {
        String id = create("Checkout errors");
        String pm = "/api/postmortems/" + id;
        JsonNode preview = api.post("/api/timeline-imports/preview", resource("pagerduty-log-entries.json")).ok().body();
        assertThat(preview.path("format").asText()).isEqualTo("pagerduty");
        assertThat(preview.path("entries").asInt()).isEqualTo(15);
        assertThat(preview.path("suggested").asInt()).isEqualTo(11);
        assertThat(preview.at("/items/0/kind").asText()).isEqualTo("DETECTION");
        assertThat(eventStore.readEvents(id).asStream().count()).as("a preview stores nothing").isEqualTo(1);

        ArrayNode picked = JSON.createArrayNode();
        preview.path("items").forEach(item -> {
            if (item.path("suggested").asBoolean()) {
                ObjectNode entry = picked.addObject();
                entry.put("occurredAt", item.path("occurredAt").asText()).put("kind", item.path("kind").asText())
                     .put("description", item.path("description").asText()).put("perspective", item.path("perspective").asText())
                     .put("sourceRef", item.path("ref").asText());
            }
        });
        String body = JSON.createObjectNode().put("source", "pagerduty").put("sourceName", "Q2LC6ZT3O8XKA1").set("entries", picked).toString();
        long imported = api.post(pm + "/timeline/import", body).ok().version();
        assertThat(imported).as("one event per picked entry").isEqualTo(11);
        assertThat(api.post(pm + "/timeline/import", body).ok().version()).as("the same log again adds nothing").isEqualTo(imported);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id).asStream().toList();
        assertThat(events.subList(1, events.size())).allSatisfy(event -> {
            assertThat(event.getPayload()).isInstanceOf(TimelineEntryImported.class);
            assertThat(event.getMetaData().get("actor")).as("the person importing").isEqualTo(TestUsers.AUTHOR);
        });
        TimelineEntryImported first = (TimelineEntryImported) events.get(1).getPayload();
        assertThat(first.source()).isEqualTo("pagerduty");
        assertThat(first.sourceName()).isEqualTo("Q2LC6ZT3O8XKA1");
        assertThat(first.sourceRef()).isEqualTo("R00KXVUVQ7ZB8N00");
    }

    @Test
    void aCsvIsPreviewedAndABadFileOrEntryIsAProblemNamingItAndStoresNothing() {
        String id = create("Queue backlog");
        String pm = "/api/postmortems/" + id;
        JsonNode csv = api.post("/api/timeline-imports/preview", "time,description,kind\r\n2026-11-20T10:07:00Z,\"Alert fired, queue at 90 %\",detect\r\n",
                "Content-Type", "text/csv; charset=utf-8", "X-Requested-With", "test").ok().body();
        assertThat(csv.path("format").asText()).isEqualTo("csv");
        assertThat(csv.at("/items/0/description").asText()).isEqualTo("Alert fired, queue at 90 %");
        assertThat(csv.at("/items/0/ref").asText()).isEqualTo("line 2");

        JsonNode badLine = api.post("/api/timeline-imports/preview", "time,description\n2026-11-20T10:07:00Z,ok\nsoon,later\n",
                "Content-Type", "text/csv", "X-Requested-With", "test").problem(422);
        assertThat(badLine.path("type").asText()).isEqualTo("urn:problem-type:postmortem:unreadable-import");
        assertThat(badLine.at("/errors/0/field").asText()).isEqualTo("line 3");
        JsonNode badEntry = api.post("/api/timeline-imports/preview", "{\"log_entries\":[{\"type\":\"trigger_log_entry\"}]}").problem(422);
        assertThat(badEntry.at("/errors/0/field").asText()).isEqualTo("log_entries[0].created_at");
        JsonNode binary = api.send("POST", "/api/timeline-imports/preview", new byte[]{(byte) 0xff, (byte) 0xfe, 0, 'a'},
                "Content-Type", "text/csv", "X-Requested-With", "test").problem(422);
        assertThat(binary.at("/errors/0/message").asText()).contains("not UTF-8");
        assertThat(api.post("/api/timeline-imports/preview", "<xml/>", "Content-Type", "application/xml", "X-Requested-With", "test").status())
                .isEqualTo(415);

        JsonNode oneBad = api.post(pm + "/timeline/import", HttpApi.json(Map.of("source", "csv", "entries", List.of(
                Map.of("occurredAt", "2026-11-20T10:07:00Z", "kind", "DETECTION", "description", "fine"),
                Map.of("occurredAt", "2300-01-01T00:00:00Z", "kind", "ACTION", "description", "too late"))))).problem(422);
        assertThat(oneBad.at("/errors/0/field").asText()).isEqualTo("entries[1].occurredAt");
        JsonNode badSource = api.post(pm + "/timeline/import", HttpApi.json(Map.of("source", "wiki", "entries", List.of(
                Map.of("occurredAt", "2026-11-20T10:07:00Z", "kind", "DETECTION", "description", "fine"))))).problem(400);
        assertThat(badSource.at("/errors/0/field").asText()).isEqualTo("source");
        assertThat(eventStore.readEvents(id).asStream().count()).as("nothing of a refused import is stored").isEqualTo(1);
    }

    @Test
    void aMarkdownPostMortemIsCreatedOnceAndABadOneIsAProblemNamingWhereAndStoresNothing() {
        String markdown = "# Imported " + UUID.randomUUID() + "\n\n## What happened\n\n- **2024-05-01 10:00 UTC** (detection) — Alert\n";
        HttpApi.Response created = api.send("POST", "/api/postmortems?name=wiki-page.md", markdown.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/markdown", "X-Requested-With", "test");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).endsWith("/api/postmortems/" + id);
        assertThat(created.header("ETag")).as("created, marked imported, one timeline entry").isEqualTo("\"2\"");
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id).asStream().toList();
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName())
                          .containsExactly("PostMortemCreated", "PostMortemImported", "TimelineEntryImported");
        assertThat(events).allSatisfy(event -> assertThat(event.getMetaData().get("actor")).isEqualTo(TestUsers.AUTHOR));

        HttpApi.Response again = api.send("POST", "/api/postmortems", markdown.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/markdown", "X-Requested-With", "test");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("alreadyImported").asBoolean()).isTrue();
        assertThat(eventStore.readEvents(id).asStream().count()).as("not a second post-mortem, nothing added").isEqualTo(3);

        JsonNode noTitle = api.send("POST", "/api/postmortems", "Some notes\n".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/markdown", "X-Requested-With", "test").problem(422);
        assertThat(noTitle.at("/errors/0/field").asText()).isEqualTo("title");
        JsonNode badSeverity = api.send("POST", "/api/postmortems", "# X\n\n## Description\n\n> Severity: SEV9\n".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/markdown", "X-Requested-With", "test").problem(422);
        assertThat(badSeverity.at("/errors/0/field").asText()).isEqualTo("severity");
        assertThat(badSeverity.at("/errors/0/message").asText()).contains("SEV9");
    }
}
