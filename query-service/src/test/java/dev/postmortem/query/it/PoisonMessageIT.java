package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
        awaitView(id, 0, Duration.ofSeconds(60));

        byte[] garbage = ("not a CloudEvent " + word).getBytes(StandardCharsets.UTF_8);
        RawTopic.send(id, garbage);
        long version = 0;
        for (String level : List.of("SEV3", "SEV2", "SEV1")) {
            version = commands.put("/api/postmortems/" + id + "/severity", "{\"level\":\"" + level + "\"}").ok().version();
        }

        assertThat(queries.get("/api/postmortems/" + id + "?minVersion=" + version).ok().body().path("severity").asText()).isEqualTo("SEV1");
        await("the index has the events after the bad record").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(queries.get("/api/search?q=" + word + "&severity=SEV1").ok().body().path("total").asLong()).isPositive());
        assertThat(RawTopic.parked(id)).as("parked records of this post-mortem on postmortem.events.dlt")
                                       .isNotEmpty().allSatisfy(value -> assertThat(value).isEqualTo(garbage));

        JsonNode rebuilt = queries.post("/api/admin/rebuild", null).ok().body();
        assertThat(rebuilt.path("unreadableSkipped").asLong()).as("a rebuild skips what the live projections parked").isPositive();
        assertThat(queries.get("/api/postmortems/" + id).ok().body().path("severity").asText()).isEqualTo("SEV1");
    }
}
