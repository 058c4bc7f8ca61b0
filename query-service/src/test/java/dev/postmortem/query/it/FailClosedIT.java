package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.api.event.IncidentTimeCorrected;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16, points 1 to 4, over the whole system: a restricted post-mortem stays hidden whatever else fails, and
 * nothing an ordinary user can ask tells them it exists or what it holds. Each test failed on the commit before the
 * fail-closed read side: the frozen view stayed readable, the KPIs counted what search hid, {@code minVersion} and
 * the relevance scores answered differently for a restricted post-mortem.
 */
class FailClosedIT extends WholeSystemTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    HttpApi reader;
    HttpApi insider;
    HttpApi facilitator;
    String word;

    @BeforeEach
    void users() {
        HttpApi api = new HttpApi("http://127.0.0.1:" + port);
        reader = api.as(TestUsers.READER);
        insider = api.as("insider");
        facilitator = api.as(TestUsers.FACILITATOR);
        word = "failclosed" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /**
     * An event no store can hold (an instant beyond java.util.Date, stored before the write side checked) freezes the
     * views; the restriction a facilitator sets afterwards must still take effect everywhere, at once.
     */
    @Test
    void aViewThatCannotBeStoredIsHiddenAndTheRestrictionAfterItStillTakesEffect() throws Exception {
        String id = openPostMortem("Frozen " + word);
        long version = commands.put("/api/postmortems/" + id + "/times/start", "{\"at\":\"2031-07-01T10:00:00Z\"}").ok().version();
        awaitView(id, version, BOUND);
        await().atMost(BOUND).until(() -> searchIds(reader, word).contains(id));
        assertThat(countermeasureOwners(reader)).contains("Owner " + word);

        Instant far = Instant.parse("+999999999-12-31T23:59:59Z");
        RawTopic.send(id,
                RawTopic.cloudEvent(new IncidentTimeCorrected(id, "start", Instant.parse("2031-07-01T10:00:00Z"), far), id, version + 1),
                RawTopic.cloudEvent(new PostMortemRestricted(id, List.of(TestUsers.FACILITATOR), List.of()), id, version + 2));

        await("hidden from the reader").atMost(BOUND).untilAsserted(() -> {
            assertThat(reader.get("/api/postmortems/" + id).status()).isEqualTo(404);
            assertThat(listIds(reader, "frozen-" + word)).doesNotContain(id);
            assertThat(searchIds(reader, word)).doesNotContain(id);
            assertThat(countermeasureOwners(reader)).doesNotContain("Owner " + word);
            assertThat(kpiIds(reader)).doesNotContain(id);
        });
        for (String path : List.of("", "/history", "/language", "/export.md", "/similar", "?asOf=2100-01-01T00:00:00Z")) {
            assertThat(reader.get("/api/postmortems/" + id + path).status()).as(path).isEqualTo(404);
        }
        assertThat(facilitator.get("/api/postmortems/" + id).status()).as("named, but the view is stuck: only admins").isEqualTo(404);
        // The restriction comes after the poison, which is retried twice before it is parked: a few seconds.
        await("the restriction holds for an admin it does not name").atMost(BOUND).until(() ->
                queries.get("/api/postmortems/" + id).status() == 404 && !searchIds(queries, word).contains(id)
                        && !kpiIds(queries).contains(id));
        await("the admin sees the parked events").atMost(BOUND).until(() ->
                queries.get("/api/admin/dead-letters?postMortemId=" + id).ok().body().path("total").asInt() >= 2);
    }

    @Test
    void aStuckPostMortemIsShownToAdminsWithWhyUntilItIsRepaired() throws Exception {
        String id = openPostMortem("Gap " + word);
        long version = commands.put("/api/postmortems/" + id + "/severity", "{\"level\":\"SEV3\"}").ok().version();
        awaitView(id, version, BOUND);
        byte[] missing = RawTopic.cloudEvent(new TitleChanged(id, "Gap " + word + " (renamed)"), id, version + 1);
        RawTopic.send(id, RawTopic.cloudEvent(new TitleChanged(id, "Gap " + word + " (again)"), id, version + 2));

        JsonNode stuck = await("stuck").atMost(BOUND).until(() -> queries.get("/api/postmortems/" + id).ok().body(),
                view -> view.path("stuck").isObject());
        assertThat(stuck.at("/stuck/reason").asText()).contains("has version " + (version + 2));
        assertThat(stuck.at("/stuck/upTo").asLong()).isEqualTo(version + 2);
        assertThat(queries.get("/api/postmortems?tag=gap-" + word).ok().body().at("/items/0/stuck/upTo").asLong()).isEqualTo(version + 2);
        assertThat(reader.get("/api/postmortems/" + id).status()).isEqualTo(404);
        assertThat(listIds(reader, "gap-" + word)).isEmpty();

        await("parked by every projection").atMost(BOUND).until(() -> queries.get("/api/admin/dead-letters?postMortemId=" + id).ok()
                .body().at("/deadLetters/0/parkedBy").size() == 3);
        RawTopic.send(id, missing);
        awaitView(id, version + 1, BOUND);
        assertThat(reader.get("/api/postmortems/" + id).status()).as("still stuck: version " + (version + 2) + " is missing").isEqualTo(404);
        queries.post("/api/admin/dead-letters/retry?postMortemId=" + id, null).ok();
        JsonNode repaired = await("repaired").atMost(BOUND).until(() -> reader.get("/api/postmortems/" + id),
                answer -> answer.status() == 200).body();
        assertThat(repaired.path("version").asLong()).isEqualTo(version + 2);
        assertThat(repaired.has("stuck")).isFalse();
        await().atMost(BOUND).until(() -> searchIds(reader, word).contains(id));
    }

    /** A period, a group or a time name that singles out a restricted post-mortem tells nothing about it. */
    @Test
    void kpisAreComputedFromWhatTheAskerMaySeeOnly() {
        LocalDate day = LocalDate.of(2170, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3_000));
        String id = facilitatorCommands().post("/api/postmortems", HttpApi.json(Map.of("title", "Breach " + word,
                "restriction", Map.of("groups", List.of("security"))))).ok().body().path("id").asText();
        facilitatorCommands().put("/api/postmortems/" + id + "/tags", "{\"tags\":[\"secret-" + word + "\"]}").ok();
        facilitatorCommands().put("/api/postmortems/" + id + "/times/start", "{\"at\":\"" + day + "T10:00:00Z\"}").ok();
        long version = facilitatorCommands().put("/api/postmortems/" + id + "/times/detected-by-" + word,
                "{\"at\":\"" + day + "T10:30:00Z\"}").ok().version();
        await().atMost(BOUND).until(() -> insider.get("/api/postmortems/" + id + "?minVersion=" + version).status() == 200);

        String window = "/api/kpis?from=" + day + "&to=" + day.plusDays(1);
        await().atMost(BOUND).until(() -> insider.get(window).ok().body().at("/overall/postMortems").asInt() == 1);
        assertThat(reader.get(window).ok().body().at("/overall/postMortems").asInt()).isZero();
        assertThat(reader.get(window + "&groupBy=tag").ok().body().path("groups").findValuesAsText("key")).doesNotContain("secret-" + word);
        assertThat(insider.get(window + "&groupBy=tag").ok().body().path("groups").findValuesAsText("key")).contains("secret-" + word);
        JsonNode byName = reader.get(window + "&measureFrom=detected-by-" + word).ok().body();
        JsonNode byUnknown = reader.get(window + "&measureFrom=never-recorded-" + word).ok().body();
        assertThat(byName.path("overall")).isEqualTo(byUnknown.path("overall"));
        assertThat(insider.get(window + "&measureFrom=detected-by-" + word).ok().body().at("/overall/postMortems").asInt()).isEqualTo(1);
    }

    /** "Not yours" answers exactly as "does not exist", and takes as long. */
    @Test
    void readYourWritesOnARestrictedPostMortemLooksLikeOnAnUnknownOne() {
        String id = facilitatorCommands().post("/api/postmortems", HttpApi.json(Map.of("title", "Quiet " + word,
                "restriction", Map.of("people", List.of(TestUsers.FACILITATOR))))).ok().body().path("id").asText();
        await().atMost(BOUND).until(() -> facilitator.get("/api/postmortems/" + id + "?minVersion=0").status() == 200);
        String unknown = UUID.randomUUID().toString();

        long started = System.nanoTime();
        JsonNode restricted = reader.get("/api/postmortems/" + id + "?minVersion=0").problem(503);
        long restrictedMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        JsonNode absent = reader.get("/api/postmortems/" + unknown + "?minVersion=0").problem(503);
        long absentMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(restricted.path("detail").asText().replace(id, "ID")).isEqualTo(absent.path("detail").asText().replace(unknown, "ID"));
        assertThat(restricted.path("currentVersion")).isEqualTo(absent.path("currentVersion"));
        assertThat(restrictedMillis).as("both wait out the read-your-writes timeout (10 s here)").isGreaterThanOrEqualTo(10_000);
        assertThat(Math.abs(restrictedMillis - absentMillis)).as("restricted %d ms, unknown %d ms", restrictedMillis, absentMillis)
                                                            .isLessThan(1_500);
    }

    /**
     * BM25 weighs a word by how rare it is among the documents: restricted text in the same fields moved the score of
     * an open post-mortem, so a reader could tell whether a restricted one holds a word.
     */
    @Test
    void theScoreOfAnOpenPostMortemDoesNotMoveWhenARestrictedOneHoldsTheWord() throws InterruptedException {
        String open = openPostMortem("Cache " + word);
        await().atMost(BOUND).until(() -> searchIds(reader, word).contains(open));
        double before = settledScore(word, open);

        String secret = facilitatorCommands().post("/api/postmortems", HttpApi.json(Map.of("title", word + " " + word,
                "restriction", Map.of("groups", List.of("security"))))).ok().body().path("id").asText();
        facilitatorCommands().put("/api/postmortems/" + secret + "/description",
                HttpApi.json(Map.of("summary", (word + " ").repeat(50), "remediation", word + " last" + word))).ok();
        await().atMost(BOUND).until(() -> searchIds(insider, "last" + word).contains(secret));

        assertThat(score(reader, word, open)).as("the reader's score").isEqualTo(before);
        assertThat(score(insider, word, open)).as("the insider's score of the open one").isEqualTo(before);
        assertThat(searchIds(reader, word)).doesNotContain(secret);
    }

    private HttpApi facilitatorCommands() {
        return new HttpApi(commandServiceUrl()).as(TestUsers.FACILITATOR);
    }

    /** An open post-mortem with the word in its title and summary, a tag of its own and an overdue countermeasure. */
    private String openPostMortem(String title) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        commands.put("/api/postmortems/" + id + "/description", HttpApi.json(Map.of("summary", title + ": the cache expired early"))).ok();
        commands.put("/api/postmortems/" + id + "/tags", HttpApi.json(Map.of("tags",
                List.of(title.substring(0, title.indexOf(' ')).toLowerCase() + "-" + word)))).ok();
        String countermeasure = commands.post("/api/postmortems/" + id + "/countermeasures", HttpApi.json(Map.of("title", "Alert " + word,
                "priority", "HIGH", "type", "DETECTIVE"))).ok().body().path("id").asText();
        commands.put("/api/postmortems/" + id + "/countermeasures/" + countermeasure + "/assignment",
                HttpApi.json(Map.of("owner", "Owner " + word, "targetDate", "2026-01-01"))).ok();
        return id;
    }

    /** The score once the post-mortem's last writes are indexed: the same twice, more than a refresh interval apart. */
    private double settledScore(String word, String id) throws InterruptedException {
        double previous = score(reader, word, id);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1_500);
            double now = score(reader, word, id);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the score of " + id + " did not settle");
    }

    private static double score(HttpApi api, String word, String id) {
        for (JsonNode hit : api.get("/api/search?q=" + word + "&size=50").ok().body().path("hits")) {
            if (hit.path("id").asText().equals(id)) {
                return hit.path("score").asDouble();
            }
        }
        throw new AssertionError(id + " not found for " + word);
    }

    private static List<String> searchIds(HttpApi api, String word) {
        return api.get("/api/search?q=" + word + "&size=50").ok().body().path("hits").findValuesAsText("id");
    }

    private static List<String> listIds(HttpApi api, String tag) {
        return api.get("/api/postmortems?tag=" + tag).ok().body().path("items").findValuesAsText("id");
    }

    private static List<String> countermeasureOwners(HttpApi api) {
        return api.get("/api/countermeasures/owners").ok().body().findValuesAsText("owner");
    }

    private static List<String> kpiIds(HttpApi api) {
        return api.get("/api/kpis?from=2031-07-01&to=2031-07-02&details=true").ok().body().path("postMortems").findValuesAsText("id");
    }
}
