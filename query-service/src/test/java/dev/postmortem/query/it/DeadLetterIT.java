package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.SeverityRegraded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 6: poison on the event topic — an unknown event type, broken JSON, a revision newer than the
 * query service reads — is parked with its reason by each projection, while another post-mortem's events keep
 * flowing; an operator sees each parked record once, with the reason, and retries it: a record that failed for a
 * reason that no longer holds (a gap in its post-mortem's versions, since closed) applies; a truly broken one is
 * parked again under a new id that names the one it retries, and nothing stalls behind it. A rebuild afterwards
 * still completes.
 */
class DeadLetterIT extends WholeSystemTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final List<String> PROJECTIONS = List.of("query-service-views", "query-service-search", "query-service-kpis");

    private int injected;
    private int checked;

    @Test
    void poisonIsParkedWithItsReasonOthersKeepFlowingAndAnOperatorRetriesIt() throws Exception {
        Instant started = Instant.now();
        String word = "deadletter" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

        // Post-mortem A gets the three kinds of poison, as its version 1.
        String a = commands.post("/api/postmortems", "{\"title\":\"Poisoned " + word + "\"}").ok().body().path("id").asText();
        view(a, 0);
        byte[] whole = RawTopic.cloudEvent(new SeverityRegraded(a, null, "SEV1"), a, 1);
        inject(a, RawTopic.cloudEvent("postmortem.IncidentRenamed.v1", a, 1, Map.of("postMortemId", a, "title", "renamed")),
                Arrays.copyOf(whole, whole.length / 2),
                RawTopic.cloudEvent("postmortem.SeverityRegraded.v2", a, 1, Map.of("postMortemId", a, "level", "SEV1", "impact", "all users")));
        Instant poisoned = Instant.now();

        // Post-mortem B, written meanwhile through the command service, does not wait for A's poison.
        String b = commands.post("/api/postmortems", "{\"title\":\"Flowing " + word + "\"}").ok().body().path("id").asText();
        long bVersion = 0;
        for (String level : List.of("SEV3", "SEV2", "SEV1")) {
            bVersion = commands.put("/api/postmortems/" + b + "/severity", "{\"level\":\"" + level + "\"}").ok().version();
        }
        assertThat(view(b, bVersion).path("severity").asText()).isEqualTo("SEV1");
        searchFinds(word, "SEV1", b);
        long flowingMillis = Duration.between(poisoned, Instant.now()).toMillis();

        // The operator sees each poison once, parked by every projection, with a reason that says what is wrong.
        JsonNode poisons = deadLettersOf(a, letters -> letters.size() == 3 && letters.stream().allMatch(DeadLetterIT::parkedByAll));
        JsonNode unknownType = only(poisons, letter -> "postmortem.IncidentRenamed.v1".equals(letter.path("eventType").asText()));
        assertParking(unknownType, "CloudEventReader$UnknownEventTypeException",
                "has the unknown type postmortem.IncidentRenamed.v1: this query service cannot project it; retry it after upgrading");
        JsonNode newerRevision = only(poisons, letter -> "postmortem.SeverityRegraded.v2".equals(letter.path("eventType").asText()));
        assertThat(newerRevision.path("revision").asText()).isEqualTo("2");
        assertParking(newerRevision, "CloudEventReader$UnknownRevisionException",
                "is postmortem.SeverityRegraded.v2: revision 2 is newer than what this query service reads (v1)");
        JsonNode broken = only(poisons, letter -> letter.path("eventType").isMissingNode());
        assertParking(broken, "CloudEventReader$UnreadableEventException", "not a CloudEvents JSON message (broken or truncated JSON?)");
        poisons.forEach(letter -> {
            assertThat(letter.path("topic").asText()).isEqualTo(RawTopic.TOPIC);
            assertThat(letter.path("id").asText()).isEqualTo(letter.path("partition").asInt() + "-" + letter.path("offset").asLong());
            assertThat(letter.has("retry")).as("not retried yet").isFalse();
        });

        // Post-mortem C exists only on the topic, and its version 1 arrives before its creation: parked as a gap.
        String c = UUID.randomUUID().toString();
        byte[] cCreated = RawTopic.cloudEvent(new PostMortemCreated(c, "Out of order " + word), c, 0);
        byte[] cRegraded = RawTopic.cloudEvent(new SeverityRegraded(c, null, "SEV2"), c, 1);
        inject(c, cRegraded);
        JsonNode gap = deadLettersOf(c, letters -> letters.size() == 1 && parkedByAll(letters.get(0))).path(0);
        assertThat(parking(gap, "query-service-views").path("exception").asText()).isEqualTo("dev.postmortem.query.projection.SequenceGapException");
        assertThat(parking(gap, "query-service-views").path("reason").asText()).contains("has version 1 but the view is at -1");

        // The missing event arrives; retried now, the parked one applies.
        inject(c, cCreated);
        view(c, 0);
        JsonNode retried = queries.post("/api/admin/dead-letters/" + gap.path("id").asText() + "/retry", null).ok().body();
        assertThat(retried.at("/retry/by").asText()).isEqualTo("admin");
        assertThat(retried.at("/retry/republishedAs").asText()).matches("\\d+-\\d+");
        assertThat(view(c, 1).path("severity").asText()).isEqualTo("SEV2");
        searchFinds(word, "SEV2", c);
        assertThat(deadLettersOf(c, letters -> true).path(0).at("/retry/by").asText()).as("the listing shows the retry").isEqualTo("admin");
        JsonNode again = queries.post("/api/admin/dead-letters/" + gap.path("id").asText() + "/retry", null).problem(409);
        assertThat(again.path("type").asText()).endsWith("dead-letter-already-retried");

        // Duplicates are harmless: C's events delivered again are skipped, not parked, and its next event applies.
        inject(c, cCreated, cRegraded, RawTopic.cloudEvent(new SeverityRegraded(c, "SEV2", "SEV3"), c, 2));
        assertThat(view(c, 2).path("severity").asText()).isEqualTo("SEV3");
        searchFinds(word, "SEV3", c);
        assertThat(deadLettersOf(c, letters -> true)).as("C's dead letters after the duplicates").hasSize(1);

        // A truly broken record, retried, is parked again under a new id that names it; nothing waits behind it.
        String brokenId = broken.path("id").asText();
        queries.post("/api/admin/dead-letters/" + brokenId + "/retry", null).ok();
        JsonNode reparked = only(deadLettersOf(a, letters -> letters.stream().anyMatch(letter ->
                brokenId.equals(letter.path("retryOf").asText()) && parkedByAll(letter))), letter -> brokenId.equals(letter.path("retryOf").asText()));
        assertParking(reparked, "CloudEventReader$UnreadableEventException", "not a CloudEvents JSON message (broken or truncated JSON?)");
        bVersion = commands.put("/api/postmortems/" + b + "/severity", "{\"level\":\"SEV2\"}").ok().version();
        assertThat(view(b, bVersion).path("severity").asText()).isEqualTo("SEV2");

        // Retrying all of A's parked records sends those not retried yet, in topic order; each is parked again.
        JsonNode all = queries.post("/api/admin/dead-letters/retry?postMortemId=" + a, null).ok().body();
        List<Long> offsets = new ArrayList<>();
        all.forEach(letter -> offsets.add(letter.path("offset").asLong()));
        assertThat(offsets).as("unknown type, newer revision and the re-parked broken record, in topic order")
                           .hasSize(3).isSorted();
        JsonNode finalA = deadLettersOf(a, letters -> letters.size() == 7 && letters.stream().allMatch(DeadLetterIT::parkedByAll));
        assertThat(finalA.findValues("retry")).as("retried dead letters of A").hasSize(4);

        // A rebuild from the topic meets C's version 1 before its creation, skips it as the live projections did,
        // and applies the retried copy that comes after.
        JsonNode rebuilt = queries.post("/api/admin/rebuild", null).ok().body();
        assertThat(rebuilt.path("gapsSkipped").asLong()).as("events out of order skipped by the rebuild").isPositive();
        assertThat(view(c, 2).path("severity").asText()).isEqualTo("SEV3");

        // Bad requests are problem+json naming the field.
        assertThat(queries.post("/api/admin/dead-letters/not-an-id/retry", null).problem(400).at("/errors/0/field").asText()).isEqualTo("id");
        assertThat(queries.post("/api/admin/dead-letters/0-999999999999/retry", null).problem(404).path("type").asText())
                .endsWith("dead-letter-not-found");
        assertThat(queries.post("/api/admin/dead-letters/retry", null).problem(400).at("/errors/0/field").asText()).isEqualTo("postMortemId");
        assertThat(queries.get("/api/admin/dead-letters?size=0").problem(400).at("/errors/0/field").asText()).isEqualTo("size");

        int deadLetters = finalA.size() + 1;
        int parkings = finalA.findValues("parkedBy").stream().mapToInt(JsonNode::size).sum() + gap.path("parkedBy").size();
        System.out.printf("DeadLetterIT figures: records injected %d, dead letters %d (%d parkings), retried %d, events checked %d, "
                        + "B written, viewed and found %d ms after the poison, whole scenario %d ms%n", injected, deadLetters, parkings,
                1 + 1 + all.size(), checked, flowingMillis, Duration.between(started, Instant.now()).toMillis());
    }

    private void inject(String postMortemId, byte[]... records) throws Exception {
        RawTopic.send(postMortemId, records);
        injected += records.length;
    }

    private JsonNode view(String id, long version) {
        checked++;
        return awaitView(id, version, BOUND);
    }

    private void searchFinds(String word, String severity, String id) {
        checked++;
        await("search finds " + id + " at " + severity).atMost(BOUND).untilAsserted(() ->
                assertThat(queries.get("/api/search?q=" + word + "&severity=" + severity).ok().body().findValuesAsText("id")).contains(id));
    }

    /** The post-mortem's dead letters, once they satisfy the condition. */
    private JsonNode deadLettersOf(String postMortemId, Predicate<List<JsonNode>> condition) {
        return await("dead letters of " + postMortemId).atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(
                () -> queries.get("/api/admin/dead-letters?size=100&postMortemId=" + postMortemId).ok().body().path("deadLetters"),
                letters -> {
                    List<JsonNode> list = new ArrayList<>();
                    letters.forEach(list::add);
                    return condition.test(list);
                });
    }

    private static boolean parkedByAll(JsonNode letter) {
        return letter.path("parkedBy").findValuesAsText("consumerGroup").containsAll(PROJECTIONS);
    }

    private static JsonNode only(JsonNode letters, Predicate<JsonNode> which) {
        List<JsonNode> matching = new ArrayList<>();
        letters.forEach(letter -> {
            if (which.test(letter)) {
                matching.add(letter);
            }
        });
        assertThat(matching).as("dead letters matching in %s", letters).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode parking(JsonNode letter, String consumerGroup) {
        return only(letter.path("parkedBy"), parking -> consumerGroup.equals(parking.path("consumerGroup").asText()));
    }

    /** Every projection parked it for this reason, right away (an unreadable record is not worth retrying). */
    private static void assertParking(JsonNode letter, String exception, String reason) {
        assertThat(letter.path("parkedBy")).as("parkings of %s", letter).hasSize(3).allSatisfy(parking -> {
            assertThat(parking.path("exception").asText()).endsWith(exception);
            assertThat(parking.path("reason").asText()).contains(reason);
            assertThat(parking.path("parkedAt").asText()).isNotBlank();
        });
    }
}
