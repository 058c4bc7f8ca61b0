package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values that are well-formed JSON but that no store downstream can hold, or that would make a post-mortem unbounded
 * (issue 16, point 1): refused at the door with a problem naming the field, and nothing stored. Each of these was
 * accepted and stored before.
 */
class HostileValuesIT extends RunningServiceTest {

    @Autowired
    EventStore eventStore;

    HttpApi author;
    HttpApi facilitator;
    String id;

    @BeforeEach
    void setUp() {
        HttpApi api = api();
        author = api.as(TestUsers.AUTHOR);
        facilitator = api.as(TestUsers.FACILITATOR);
        id = author.post("/api/postmortems", "{\"title\":\"Hostile values\"}").ok().body().path("id").asText();
    }

    long events(String postMortemId) {
        return eventStore.readEvents(postMortemId).asStream().count();
    }

    static String field(JsonNode problem) {
        return problem.path("errors").path(0).path("field").asText();
    }

    @Test
    void anInstantBeyondEveryStoreIsRefusedNamingTheField() {
        for (String far : List.of("+999999999-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "-000001-01-01T00:00:00Z")) {
            JsonNode problem = author.put("/api/postmortems/" + id + "/times/x", "{\"at\":\"" + far + "\"}").problem(422);
            assertThat(field(problem)).isEqualTo("at");
            assertThat(problem.path("detail").asText()).contains("1970-01-01T00:00:00Z", "2200-01-01T00:00:00Z");
            author.post("/api/postmortems/" + id + "/timeline", "{\"occurredAt\":\"" + far + "\",\"kind\":\"ACTION\",\"description\":\"x\"}")
                  .problem(422);
            author.put("/api/postmortems/" + id + "/meeting", "{\"meetingAt\":\"" + far + "\",\"contactPerson\":\"a\",\"facilitatedBy\":\"b\"}")
                  .problem(422);
        }
        assertThat(events(id)).as("nothing was stored").isEqualTo(1);
        author.put("/api/postmortems/" + id + "/times/x", "{\"at\":\"2199-12-31T23:59:59Z\"}").ok();
    }

    @Test
    void aTargetDateBeyondPostgresOrMongoIsRefused() {
        String countermeasure = author.post("/api/postmortems/" + id + "/countermeasures",
                "{\"title\":\"Alert on saturation\",\"priority\":\"HIGH\",\"type\":\"DETECTIVE\"}").ok().body().path("id").asText();
        long before = events(id);
        for (String far : List.of("+999999999-12-31", "2200-01-01", "1969-12-31")) {
            JsonNode problem = facilitator.put("/api/postmortems/" + id + "/countermeasures/" + countermeasure + "/assignment",
                    "{\"owner\":\"ana\",\"targetDate\":\"" + far + "\"}").problem(422);
            assertThat(field(problem)).isEqualTo("targetDate");
        }
        assertThat(events(id)).isEqualTo(before);
    }

    /** 4,000 characters, each three bytes in UTF-8: within the 5,000-character cap, over the 10,000-byte one. */
    @Test
    void textIsCappedInBytesNotOnlyInCharacters() {
        String threeByteChars = "検".repeat(4_000);
        JsonNode problem = author.post("/api/postmortems/" + id + "/timeline", HttpApi.json(Map.of("occurredAt", "2026-11-20T10:00:00Z",
                "kind", "ACTION", "description", threeByteChars))).problem(400);
        assertThat(field(problem)).isEqualTo("description");
        assertThat(problem.path("errors").path(0).path("message").asText()).contains("10000 bytes in UTF-8");
        author.put("/api/postmortems/" + id + "/tags", HttpApi.json(Map.of("tags", List.of("😀".repeat(51))))).problem(400);
        assertThat(events(id)).isEqualTo(1);
        author.post("/api/postmortems/" + id + "/timeline", HttpApi.json(Map.of("occurredAt", "2026-11-20T10:00:00Z",
                "kind", "ACTION", "description", "検".repeat(3_000)))).ok();
    }

    /** 40 descriptions of 40,000 bytes fit; the whole post-mortem is bounded at 1 MiB, so the 27th of 40 KB is refused. */
    @Test
    void theWholePostMortemIsBoundedSoItsViewAlwaysFitsADocument() {
        String summary = "x".repeat(20_000);
        for (int i = 0; i < 26; i++) {
            author.post("/api/postmortems/" + id + "/countermeasures", HttpApi.json(Map.of("title", "Countermeasure " + i,
                    "description", "検".repeat(13_000), "priority", "LOW", "type", "PREVENTIVE"))).ok();
        }
        long before = events(id);
        JsonNode problem = author.post("/api/postmortems/" + id + "/countermeasures", HttpApi.json(Map.of("title", "One too many",
                "description", "検".repeat(13_000), "priority", "LOW", "type", "PREVENTIVE"))).problem(422);
        assertThat(field(problem)).isEqualTo("postMortem");
        assertThat(problem.path("detail").asText()).contains("at most 1048576 bytes");
        assertThat(events(id)).as("nothing of the refused command was stored").isEqualTo(before);
        author.put("/api/postmortems/" + id + "/description", HttpApi.json(Map.of("summary", summary))).ok();
        assertThat(events(id)).as("the aggregate left in the cache is the stored one").isEqualTo(before + 1);
    }

    @Test
    void aStaleIfMatchOnARestrictedPostMortemIsNotFoundNotItsVersion() {
        facilitator.put("/api/postmortems/" + id + "/restriction", "{\"people\":[\"facilitator\"]}").ok();
        HttpApi reader = api().as(TestUsers.ADMIN);
        JsonNode restricted = reader.put("/api/postmortems/" + id + "/title", "{\"title\":\"Probe\"}", "If-Match", "\"999999\"").problem(404);
        JsonNode unknown = reader.put("/api/postmortems/00000000-0000-0000-0000-000000000000/title", "{\"title\":\"Probe\"}",
                "If-Match", "\"999999\"").problem(404);
        assertThat(restricted.has("currentVersion")).isFalse();
        assertThat(restricted.path("type")).isEqualTo(unknown.path("type"));
        assertThat(restricted.path("detail").asText().replace(id, "ID"))
                .isEqualTo(unknown.path("detail").asText().replace("00000000-0000-0000-0000-000000000000", "ID"));
        JsonNode stale = facilitator.put("/api/postmortems/" + id + "/title", "{\"title\":\"Mine\"}", "If-Match", "\"0\"").problem(412);
        assertThat(stale.path("currentVersion").asLong()).isEqualTo(1);
    }

    @Test
    void aFacilitatorCreatesAPostMortemRestrictedFromItsFirstEvent() {
        HttpApi.Response created = facilitator.post("/api/postmortems",
                "{\"title\":\"Leaked credentials\",\"restriction\":{\"groups\":[\"security\"]}}").ok();
        String restricted = created.body().path("id").asText();
        assertThat(events(restricted)).as("one event: created restricted").isEqualTo(1);
        author.put("/api/postmortems/" + restricted + "/title", "{\"title\":\"Seen\"}").problem(404);
        facilitator.put("/api/postmortems/" + restricted + "/title", "{\"title\":\"Renamed\"}").ok();

        JsonNode forbidden = author.post("/api/postmortems", "{\"title\":\"x\",\"restriction\":{\"people\":[\"ana\"]}}").problem(403);
        assertThat(forbidden.path("detail").asText()).contains("FACILITATOR");
        facilitator.post("/api/postmortems", "{\"title\":\"x\",\"restriction\":{}}").problem(400);
    }
}
