package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restricted post-mortem, against the real search server: a reader it is not restricted to finds it nowhere — not
 * by id, not in lists, search hits, facet counts, "similar", countermeasures or KPI details — while a member of the
 * named group and the facilitator who restricted it see it everywhere, and everyone again once it is unrestricted.
 */
class RestrictedPostMortemIT extends WholeSystemTest {

    @Test
    void aRestrictedPostMortemIsInvisibleEverywhereToOthers() {
        String word = "quokka" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String tag = "restricted-" + UUID.randomUUID().toString().substring(0, 8);
        HttpApi facilitator = commands.as(TestUsers.FACILITATOR);
        HttpApi reader = queries.as(TestUsers.READER);
        HttpApi insider = queries.as("insider");
        HttpApi restrictor = queries.as(TestUsers.FACILITATOR);

        String open = write(facilitator, "Open " + word + " incident in checkout", tag);
        String secret = write(facilitator, "Credential " + word + " leak in checkout", tag);
        String countermeasure = facilitator.post("/api/postmortems/" + secret + "/countermeasures",
                HttpApi.json(Map.of("title", "Rotate keys", "priority", "HIGH", "type", "PREVENTIVE"))).ok().body().path("id").asText();
        facilitator.put("/api/postmortems/" + secret + "/countermeasures/" + countermeasure + "/assignment",
                "{\"owner\":\"Sec Team " + word + "\",\"targetDate\":\"2020-01-01\"}").ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> searchIds(reader, word).containsAll(List.of(open, secret)));

        long restricted = facilitator.put("/api/postmortems/" + secret + "/restriction", "{\"groups\":[\"security\"]}").ok().version();
        await().atMost(Duration.ofSeconds(20)).until(() -> !searchIds(reader, word).contains(secret));
        insider.get("/api/postmortems/" + secret + "?minVersion=" + restricted).ok();

        String pm = "/api/postmortems/" + secret;
        for (String path : List.of(pm, pm + "/history", pm + "/diff?from=0&to=1", pm + "/language", pm + "/export.md", pm + "/similar",
                pm + "?asOf=2100-01-01T00:00:00Z")) {
            assertThat(reader.get(path).status()).as(path).isEqualTo(404);
            assertThat(insider.get(path).status()).as(path + " for a member of the group").isEqualTo(200);
        }
        assertThat(reader.get(pm, "Accept", "text/markdown").status()).isEqualTo(404);
        assertThat(restrictor.get(pm).ok().body().path("restriction").path("people").toString()).contains(TestUsers.FACILITATOR);

        assertThat(listIds(reader, tag)).containsExactly(open);
        assertThat(listIds(insider, tag)).containsExactlyInAnyOrder(open, secret);
        assertThat(searchIds(reader, word)).containsExactly(open);
        assertThat(searchIds(insider, word)).containsExactlyInAnyOrder(open, secret);
        assertThat(tagFacet(reader, word, tag)).as("facet counts leave it out").isEqualTo(1);
        assertThat(tagFacet(insider, word, tag)).isEqualTo(2);
        assertThat(similarIds(reader, open)).doesNotContain(secret);
        assertThat(similarIds(insider, open)).as("restricted post-mortems are never offered as similar (no term-statistics oracle)")
                                              .doesNotContain(secret);
        assertThat(similarIds(insider, secret)).as("a restricted one is like open ones").contains(open);
        assertThat(countermeasureIds(reader, "postMortemId=" + secret)).isEmpty();
        assertThat(countermeasureIds(reader, "overdue=true&owner=Sec Team " + word)).isEmpty();
        assertThat(countermeasureIds(insider, "overdue=true&owner=Sec Team " + word)).containsExactly(countermeasure);
        assertThat(reader.get("/api/countermeasures/owners").ok().body().toString()).doesNotContain("Sec Team " + word);
        assertThat(kpiIds(reader)).contains(open).doesNotContain(secret);
        assertThat(kpiIds(insider)).contains(open, secret);

        long lifted = facilitator.delete("/api/postmortems/" + secret + "/restriction").ok().version();
        reader.get(pm + "?minVersion=" + lifted).ok();
        await().atMost(Duration.ofSeconds(20)).until(() -> searchIds(reader, word).contains(secret));
        assertThat(listIds(reader, tag)).containsExactlyInAnyOrder(open, secret);
        assertThat(reader.get(pm + "/history").ok().body().path("items").size()).isEqualTo((int) lifted + 1);
    }

    private static String write(HttpApi commands, String title, String tag) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        commands.put("/api/postmortems/" + id + "/description",
                HttpApi.json(Map.of("summary", title + ": tokens were valid for too long", "remediation", "Shorter token lifetime"))).ok();
        commands.put("/api/postmortems/" + id + "/tags", "{\"tags\":[\"" + tag + "\"]}").ok();
        commands.put("/api/postmortems/" + id + "/times/start", "{\"at\":\"2031-07-01T10:00:00Z\"}").ok();
        return id;
    }

    private static List<String> searchIds(HttpApi api, String word) {
        return api.get("/api/search?q=" + word).ok().body().path("hits").findValuesAsText("id");
    }

    private static int tagFacet(HttpApi api, String word, String tag) {
        return api.get("/api/search?q=" + word).ok().body().path("facets").path("tags").path(tag).asInt();
    }

    private static List<String> similarIds(HttpApi api, String id) {
        List<String> ids = new ArrayList<>();
        api.get("/api/postmortems/" + id + "/similar?size=50").ok().body().forEach(hit -> ids.add(hit.path("id").asText()));
        return ids;
    }

    private static List<String> listIds(HttpApi api, String tag) {
        return api.get("/api/postmortems?tag=" + tag).ok().body().path("items").findValuesAsText("id");
    }

    private static List<String> countermeasureIds(HttpApi api, String filter) {
        return api.get("/api/countermeasures?" + filter).ok().body().path("items").findValuesAsText("id");
    }

    private static List<String> kpiIds(HttpApi api) {
        return api.get("/api/kpis?from=2031-07-01&to=2031-08-01&details=true").ok().body().path("postMortems").findValuesAsText("id");
    }
}
