package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** KPIs end to end: times written through the command API, figures read from the KPI projection's own collection. */
class KpiIT extends WholeSystemTest {

    @Test
    void aPostMortemsTimesBecomeItsKpisAndACorrectionMovesThem() {
        String tag = "kpi-" + UUID.randomUUID().toString().substring(0, 8);
        String id = commands.post("/api/postmortems", "{\"title\":\"Payment timeouts\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        commands.put(pm + "/times/start", "{\"at\":\"2030-05-04T10:00:00Z\"}").ok();
        commands.put(pm + "/times/first-user-impact", "{\"at\":\"2030-05-04T10:05:00Z\"}").ok();
        commands.put(pm + "/times/detect", "{\"at\":\"2030-05-04T10:15:00Z\"}").ok();
        commands.put(pm + "/times/end", "{\"at\":\"2030-05-04T11:00:00Z\"}").ok();
        commands.put(pm + "/severity", "{\"level\":\"SEV2\"}").ok();
        commands.put(pm + "/tags", "{\"tags\":[\"" + tag + "\"]}").ok();

        JsonNode mine = awaitKpis(id, "start", details -> details.path("tags").toString().contains(tag));
        assertThat(mine.path("timeToDetectSeconds").asLong()).isEqualTo(900);
        assertThat(mine.path("timeToResolveSeconds").asLong()).isEqualTo(3600);
        assertThat(mine.path("severity").asText()).isEqualTo("SEV2");
        JsonNode fromImpact = awaitKpis(id, "first-user-impact", details -> true);
        assertThat(fromImpact.path("timeToDetectSeconds").asLong()).isEqualTo(600);
        assertThat(fromImpact.path("timeToResolveSeconds").asLong()).isEqualTo(3300);

        JsonNode byTag = queries.get("/api/kpis?from=2030-05-01&to=2030-06-01&groupBy=tag").ok().body();
        JsonNode group = null;
        for (JsonNode candidate : byTag.path("groups")) {
            if (candidate.path("key").asText().equals(tag)) {
                group = candidate;
            }
        }
        assertThat(group).as("a group for the post-mortem's tag").isNotNull();
        assertThat(group.path("postMortems").asInt()).isEqualTo(1);
        assertThat(group.path("timeToResolve").path("mean").asText()).isEqualTo("PT1H");

        commands.put(pm + "/times/end?reason=the last errors were at 11:30", "{\"at\":\"2030-05-04T11:30:00Z\"}").ok();
        awaitKpis(id, "start", details -> details.path("timeToResolveSeconds").asLong() == 5400);
    }

    @Test
    void badKpiQueriesAreProblemsNamingTheParameter() {
        assertThat(queries.get("/api/kpis?groupBy=week").problem(400).path("errors").get(0).path("field").asText()).isEqualTo("groupBy");
        assertThat(queries.get("/api/kpis?measureFrom=Not%20A%20Time!").problem(400).path("errors").get(0).path("field").asText())
                .isEqualTo("measureFrom");
        assertThat(queries.get("/api/kpis?from=2026-02-01&to=2026-01-01").problem(400).path("errors").get(0).path("field").asText())
                .isEqualTo("to");
        assertThat(queries.get("/api/kpis?from=yesterday").problem(400).path("errors").get(0).path("field").asText()).isEqualTo("from");
    }

    private JsonNode awaitKpis(String id, String measureFrom, java.util.function.Predicate<JsonNode> ready) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode report = queries.get("/api/kpis?from=2030-05-01&to=2030-06-01&details=true&measureFrom=" + measureFrom).ok().body();
            for (JsonNode details : report.path("postMortems")) {
                if (details.path("id").asText().equals(id) && ready.test(details)) {
                    found[0] = details;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
