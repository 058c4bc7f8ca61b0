package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Countermeasure follow-through across time: the query service's clock is moved forward while the data stays the
 * same, and the overdue and revisit-due lists and the per-owner counts follow.
 */
class FollowThroughIT extends WholeSystemTest {

    @AfterEach
    void realTimeAgain() {
        CLOCK.reset();
    }

    @Test
    void overdueAndRevisitDueListsFollowTheClock() {
        String owner = "Owner " + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String id = commands.post("/api/postmortems", "{\"title\":\"Certificate expiry\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        String open = propose(pm, "Alert 30 days before expiry");
        String done = propose(pm, "Automate renewal");
        String declined = propose(pm, "Buy longer certificates");
        assign(pm, open, owner, today.plusDays(10));
        assign(pm, done, owner, today.plusDays(40));
        assign(pm, declined, owner, today.plusDays(5));
        commands.post(pm + "/countermeasures/" + done + "/complete", "{\"note\":\"cert-manager renews\"}").ok();
        long version = commands.post(pm + "/countermeasures/" + declined + "/decline", "{\"reason\":\"superseded by automation\"}")
                               .ok().version();
        queries.get(pm + "?minVersion=" + version).ok();

        assertThat(ids("overdue=true&owner=" + owner)).isEmpty();
        assertThat(ids("revisitDue=true&owner=" + owner)).isEmpty();
        assertThat(ownerCounts(owner)).isEqualTo(Map.of("open", 1, "overdue", 0, "revisitDue", 0, "completed", 1, "declined", 1));

        CLOCK.advance(Duration.ofDays(11));
        assertThat(ids("overdue=true&owner=" + owner)).as("the open one passed its target date").containsExactly(open);
        assertThat(ids("overdue=true&postMortemId=" + id)).containsExactly(open);
        assertThat(ids("revisitDue=true&owner=" + owner)).isEmpty();

        CLOCK.advance(Duration.ofDays(80));
        assertThat(ids("revisitDue=true&owner=" + owner)).as("90 days after completion").containsExactly(done);
        assertThat(ids("overdue=true&owner=" + owner)).containsExactly(open);
        assertThat(ownerCounts(owner)).isEqualTo(Map.of("open", 1, "overdue", 1, "revisitDue", 1, "completed", 1, "declined", 1));

        long revisited = commands.post(pm + "/countermeasures/" + done + "/revisit", "{\"verdict\":\"EFFECTIVE\",\"note\":\"no expiry since\"}")
                                 .ok().version();
        queries.get(pm + "?minVersion=" + revisited).ok();
        CLOCK.reset();
        CLOCK.advance(Duration.ofDays(89));
        assertThat(ids("revisitDue=true&owner=" + owner)).as("a revisit starts the period again").isEmpty();
        CLOCK.advance(Duration.ofDays(2));
        assertThat(ids("revisitDue=true&owner=" + owner)).containsExactly(done);

        commands.post(pm + "/countermeasures/" + open + "/complete", "{\"note\":\"alerting in place\"}").ok();
        await().atMost(Duration.ofSeconds(15)).until(() -> ids("overdue=true&owner=" + owner).isEmpty());
    }

    @Test
    void badFollowThroughQueriesAreProblems() {
        JsonNode problem = queries.get("/api/countermeasures?revisitDue=maybe").problem(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("revisitDue");
    }

    private String propose(String pm, String title) {
        return commands.post(pm + "/countermeasures", HttpApi.json(Map.of("title", title, "priority", "HIGH", "type", "PREVENTIVE")))
                       .ok().body().path("id").asText();
    }

    private void assign(String pm, String countermeasure, String owner, LocalDate targetDate) {
        commands.put(pm + "/countermeasures/" + countermeasure + "/assignment",
                HttpApi.json(Map.of("owner", owner, "targetDate", targetDate.toString()))).ok();
    }

    private List<String> ids(String filter) {
        List<String> ids = new ArrayList<>();
        queries.get("/api/countermeasures?" + filter).ok().body().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private Map<String, Integer> ownerCounts(String owner) {
        for (JsonNode row : queries.get("/api/countermeasures/owners").ok().body()) {
            if (row.path("owner").asText().equals(owner)) {
                return Map.of("open", row.path("open").asInt(), "overdue", row.path("overdue").asInt(),
                        "revisitDue", row.path("revisitDue").asInt(), "completed", row.path("completed").asInt(),
                        "declined", row.path("declined").asInt());
            }
        }
        throw new AssertionError("no follow-through row for " + owner);
    }
}
