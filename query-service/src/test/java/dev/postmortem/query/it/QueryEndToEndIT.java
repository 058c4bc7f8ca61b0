package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system through real servers: post-mortems written over command-service's HTTP API (a separate process),
 * published on the real Kafka broker, projected by query-service into the MongoDB-wire server, read back over HTTP.
 */
class QueryEndToEndIT extends WholeSystemTest {

    @Autowired
    MongoTemplate mongo;

    /** Reads the view once it has caught up with a write that returned {@code version}. */
    JsonNode view(String id, long version) {
        return queries.get("/api/postmortems/" + id + "?minVersion=" + version).ok().body();
    }

    @Test
    void aPostMortemWrittenThroughTheCommandApiIsViewedAuditedAndDiffed() throws Exception {
        String id = commands.post("/api/postmortems", "{\"title\":\"Checkout outage\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        commands.put(pm + "/meeting", "{\"meetingAt\":\"2026-11-22T14:00:00Z\",\"contactPerson\":\"Ana\",\"facilitatedBy\":\"Ben\"}").ok();
        commands.put(pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}").ok();
        commands.put(pm + "/times/end", "{\"at\":\"2026-11-20T10:45:00Z\"}").ok();
        long assessed = commands.put(pm + "/severity", "{\"level\":\"SEV3\"}").ok().version();
        view(id, assessed);
        Instant beforeRegrade = Instant.now();
        Thread.sleep(20);
        long regraded = commands.put(pm + "/severity?reason=More users affected than first thought", "{\"level\":\"SEV2\"}").ok().version();
        commands.post(pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:07:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert fired\"}").ok();
        String entry = commands.post(pm + "/timeline",
                "{\"occurredAt\":\"2026-11-20T10:02:00Z\",\"kind\":\"USER_IMPACT\",\"description\":\"First failed payments\"}")
                               .ok().body().path("id").asText();
        commands.post(pm + "/stakeholders", "{\"name\":\"Ana\",\"roles\":[\"RESPONDED\"]}").ok();
        commands.put(pm + "/five-whys/1", "{\"question\":\"Why did checkout fail?\",\"answer\":\"The pool was exhausted.\"}").ok();
        commands.put(pm + "/description", "{\"summary\":\"Checkout failed for 45 minutes.\"}").ok();
        commands.put(pm + "/tags", "{\"tags\":[\"Database\",\"retries\"]}").ok();
        long beforeTitle = commands.put(pm + "/affected-services", "{\"services\":[\"checkout\"]}").ok().version();
        long afterTitle = commands.put(pm + "/title", "{\"title\":\"Checkout outage in EU\"}").ok().version();
        String late = commands.post(pm + "/countermeasures", "{\"title\":\"Alert on pool usage\",\"priority\":\"HIGH\",\"type\":\"DETECTIVE\"}")
                              .ok().body().path("id").asText();
        commands.put(pm + "/countermeasures/" + late + "/assignment", "{\"owner\":\"ana\",\"targetDate\":\"2020-01-31\"}").ok();
        String done = commands.post(pm + "/countermeasures", "{\"title\":\"Back-off\",\"priority\":\"MEDIUM\",\"type\":\"PREVENTIVE\"}")
                              .ok().body().path("id").asText();
        commands.put(pm + "/countermeasures/" + done + "/assignment", "{\"owner\":\"ana\",\"targetDate\":\"2020-01-15\"}").ok();
        commands.post(pm + "/countermeasures/" + done + "/complete", "{\"note\":\"Shipped\"}").ok();
        commands.delete(pm + "/timeline/" + entry).ok();
        long last = commands.post(pm + "/submit-for-review", null).ok().version();

        HttpApi.Response current = queries.get(pm + "?minVersion=" + last).ok();
        assertThat(current.header("ETag")).isEqualTo("\"" + last + "\"");
        JsonNode view = current.body();
        assertThat(view.path("title").asText()).isEqualTo("Checkout outage in EU");
        assertThat(view.path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(view.path("severity").asText()).isEqualTo("SEV2");
        assertThat(view.path("severityRegrades").asInt()).isEqualTo(1);
        assertThat(view.path("createdBy").asText()).isEqualTo(TestUsers.ADMIN);
        assertThat(view.path("times").path("end").asText()).isEqualTo("2026-11-20T10:45:00Z");
        assertThat(view.path("meeting").path("facilitatedBy").asText()).isEqualTo("Ben");
        assertThat(view.path("timeline")).hasSize(2);
        assertThat(view.path("timeline").get(0).path("kind").asText()).as("chronological").isEqualTo("USER_IMPACT");
        assertThat(view.path("timeline").get(0).path("withdrawn").asBoolean()).isTrue();
        assertThat(view.path("tags").toString()).isEqualTo("[\"database\",\"retries\"]");
        assertThat(view.path("countermeasures")).hasSize(2);
        assertThat(view.path("version").asLong()).isEqualTo(last);

        JsonNode history = queries.get(pm + "/history").ok().body().path("items");
        assertThat(history).hasSize((int) last + 1);
        assertThat(StreamSupport.stream(history.spliterator(), false).map(h -> h.path("actor").asText())).containsOnly(TestUsers.ADMIN);
        JsonNode regrade = history.get((int) regraded);
        assertThat(regrade.path("event").asText()).isEqualTo("SeverityRegraded");
        assertThat(regrade.path("reason").asText()).isEqualTo("More users affected than first thought");
        assertThat(regrade.path("changes").toString())
                .isEqualTo("[{\"field\":\"severity\",\"oldValue\":\"SEV3\",\"newValue\":\"SEV2\"},"
                        + "{\"field\":\"severityRegrades\",\"oldValue\":\"0\",\"newValue\":\"1\"}]");
        // The changes are worked out on reading from the entries before a page: a page that starts mid-history says
        // what the whole history says of the same entries.
        for (int size : new int[]{1, 2, 3}) {
            for (int page = 0; (long) page * size <= last; page++) {
                JsonNode paged = queries.get(pm + "/history?size=" + size + "&page=" + page).ok().body();
                assertThat(paged.path("total").asLong()).isEqualTo(last + 1);
                for (int i = 0; i < paged.path("items").size(); i++) {
                    assertThat(paged.path("items").get(i)).as("page %d of %d, entry %d", page, size, i)
                                                         .isEqualTo(history.get(page * size + i));
                }
            }
        }
        assertThat(queries.get(pm + "/history?size=5&page=1000").ok().body().path("items")).isEmpty();

        JsonNode before = queries.get(pm + "?asOf=" + beforeRegrade).ok().body();
        assertThat(before.path("severity").asText()).isEqualTo("SEV3");
        assertThat(before.path("version").asLong()).isEqualTo(assessed);
        queries.get(pm + "?asOf=2000-01-01T00:00:00Z").problem(404);
        // Beyond what a stored date holds (FuzzIT found the 500): the latest state, and nothing yet.
        assertThat(queries.send("GET", pm + "?asOf=%2B999999999-12-31T23%3A59%3A59Z", null).ok().body().path("version").asLong())
                .isEqualTo(last);
        queries.send("GET", pm + "?asOf=-999999999-01-01T00%3A00%3A00Z", null).problem(404);

        JsonNode diff = queries.get(pm + "/diff?from=" + beforeTitle + "&to=" + afterTitle).ok().body();
        assertThat(diff.path("changes").toString())
                .isEqualTo("[{\"field\":\"title\",\"oldValue\":\"Checkout outage\",\"newValue\":\"Checkout outage in EU\"}]");
        JsonNode wide = queries.get(pm + "/diff?from=0&to=" + last).ok().body();
        assertThat(wide.path("changes").findValuesAsText("field")).contains("severity", "times.start", "status", "summary");
        queries.get(pm + "/diff?from=0&to=" + (last + 1)).problem(400);

        JsonNode overdue = queries.get("/api/countermeasures?overdue=true&postMortemId=" + id).ok().body();
        assertThat(overdue.path("items").findValuesAsText("id")).containsExactly(late);
        assertThat(overdue.path("items").get(0).path("postMortemTitle").asText()).isEqualTo("Checkout outage in EU");
        JsonNode completed = queries.get("/api/countermeasures?owner=ana&status=completed&postMortemId=" + id).ok().body();
        assertThat(completed.path("items").findValuesAsText("id")).containsExactly(done);

        JsonNode listed = queries.get("/api/postmortems?status=in_review&severity=SEV2&tag=Database&size=100").ok().body();
        assertThat(listed.path("items").findValuesAsText("id")).contains(id);
        assertThat(queries.get("/api/postmortems?severity=SEV5&tag=retries").ok().body().path("items").findValuesAsText("id"))
                .doesNotContain(id);
    }

    @Test
    void whereAnEventsTimeWentIsMeasuredStageByStage() {
        double published = count(commands, "postmortem_publisher_delay_seconds_count{");
        String id = commands.post("/api/postmortems", "{\"title\":\"Stale dashboard\"}").ok().body().path("id").asText();
        long version = commands.put("/api/postmortems/" + id + "/tags", "{\"tags\":[\"freshness\"]}").ok().version();
        awaitView(id, version, Duration.ofSeconds(30));
        // The publisher's counter moves on Kafka's acknowledgement, which can come after a consumer read the record.
        // (The projections' counters are checked in ProjectionDelaysTest: in the suite, other cached contexts in this
        // JVM share the consumer groups, so this context's listeners need not be the ones that saw these events.)
        await("publisher measured").atMost(Duration.ofSeconds(30))
                .until(() -> count(commands, "postmortem_publisher_delay_seconds_count{") >= published + 2);
    }

    /** The sum of the Prometheus samples whose line starts with {@code prefix} and holds every label given. */
    private static double count(HttpApi service, String prefix, String... labels) {
        String text = service.get("/actuator/prometheus").raw().body();
        return text.lines().filter(line -> line.startsWith(prefix) && Arrays.stream(labels).allMatch(line::contains))
                   .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theSameEventDeliveredTwiceChangesNothing() {
        String id = commands.post("/api/postmortems", "{\"title\":\"Duplicate delivery\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        long version = commands.put(pm + "/severity", "{\"level\":\"SEV4\"}").ok().version();
        JsonNode before = view(id, version);
        String bootstrap = LocalStackExtension.shared().getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS);

        List<ConsumerRecord<String, byte[]>> ownEvents = RawTopic.eventsOf(id, (int) version + 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : ownEvents) {
                producer.send(new ProducerRecord<>("postmortem.events", record.key(), record.value()));
            }
            producer.flush();
        }
        // The next real event is behind the duplicates on the same partition: once it shows, they have been handled.
        long next = commands.put(pm + "/tags", "{\"tags\":[\"after-duplicates\"]}").ok().version();
        JsonNode after = view(id, next);

        assertThat(queries.get(pm + "/history").ok().body().path("items")).hasSize((int) next + 1);
        assertThat(after.path("severity")).isEqualTo(before.path("severity"));
        assertThat(after.path("createdAt")).isEqualTo(before.path("createdAt"));
        assertThat(after.path("version").asLong()).isEqualTo(next);
    }

    @Test
    void aRebuildFromTheTopicGivesTheSameDocumentsAsTheLiveProjection() {
        String id = commands.post("/api/postmortems", "{\"title\":\"Before the rebuild\"}").ok().body().path("id").asText();
        long version = commands.put("/api/postmortems/" + id + "/tags", "{\"tags\":[\"rebuild\"]}").ok().version();
        view(id, version);
        Map<String, List<Document>> live = ReadModelSnapshot.of(mongo);

        JsonNode result = queries.post("/api/admin/rebuild", null).ok().body();
        assertThat(result.path("events").asLong()).isGreaterThan(0);

        assertThat(ReadModelSnapshot.of(mongo)).isEqualTo(live);
        long next = commands.put("/api/postmortems/" + id + "/tags", "{\"tags\":[\"rebuild\",\"after\"]}").ok().version();
        assertThat(view(id, next).path("tags").toString()).isEqualTo("[\"rebuild\",\"after\"]");
    }

    @Test
    void theLanguageFindingsFollowTheCurrentText() {
        HttpApi.Response created = commands.post("/api/postmortems", "{\"title\":\"Login outage caused by human error\"}").ok();
        assertThat(created.body().path("warnings").get(0).path("rule").asText()).isEqualTo("blame");
        String id = created.body().path("id").asText();
        long version = commands.put("/api/postmortems/" + id + "/description",
                HttpApi.json(Map.of("summary", "The session store could have been scaled earlier."))).ok().version();
        JsonNode report = queries.get("/api/postmortems/" + id + "?minVersion=" + version).ok().body();
        assertThat(report.path("version").asLong()).isEqualTo(version);
        JsonNode findings = queries.get("/api/postmortems/" + id + "/language").ok().body().path("findings");
        assertThat(findings.findValuesAsText("field")).containsExactly("title", "summary");
        assertThat(findings.findValuesAsText("text")).containsExactly("human error", "could have");

        long rewritten = commands.put("/api/postmortems/" + id + "/title", "{\"title\":\"Login outage: session store saturated\"}")
                                 .ok().version();
        queries.get("/api/postmortems/" + id + "?minVersion=" + rewritten).ok();
        assertThat(queries.get("/api/postmortems/" + id + "/language").ok().body().path("findings").findValuesAsText("field"))
                .containsExactly("summary");
        assertThat(queries.get("/api/postmortems/" + UUID.randomUUID() + "/language").problem(404).path("errors").get(0)
                          .path("field").asText()).isEqualTo("id");
    }

    @Test
    void aPostMortemIsExportedAsMarkdownNowAndAsItWas() {
        String id = commands.post("/api/postmortems", "{\"title\":\"Search index lag\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        long before = commands.put(pm + "/severity", "{\"level\":\"SEV3\"}").ok().version();
        queries.get(pm + "?minVersion=" + before).ok();
        Instant between = Instant.now();
        long after = commands.put(pm + "/times/start", "{\"at\":\"2026-05-01T08:00:00Z\"}").ok().version();
        commands.put(pm + "/title", "{\"title\":\"Search index lag of 20 minutes\"}").ok();
        queries.get(pm + "?minVersion=" + (after + 1)).ok();

        HttpApi.Response markdown = queries.get(pm, "Accept", "text/markdown").ok();
        assertThat(markdown.header("Content-Type")).startsWith("text/markdown");
        assertThat(markdown.header("ETag")).isEqualTo("\"" + (after + 1) + "\"");
        String document = markdown.raw().body();
        assertThat(document).startsWith("# Search index lag of 20 minutes\n")
                            .contains("| Start Time | 2026-05-01 08:00 UTC |", "> Severity: SEV3", "## What happened", "## Tags");

        HttpApi.Response file = queries.get(pm + "/export.md").ok();
        assertThat(file.raw().body()).isEqualTo(document);
        assertThat(file.header("Content-Disposition")).isEqualTo("inline; filename=\"" + id + ".md\"");

        String then = queries.get(pm + "/export.md?asOf=" + between).ok().raw().body();
        assertThat(then).startsWith("# Search index lag\n").contains("| Start Time | — |");

        HttpApi.Response unknown = queries.get("/api/postmortems/" + UUID.randomUUID(), "Accept", "text/markdown");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aReviewerListsWhatAwaitsTheirReviewUntilTheyApproveIt() {
        HttpApi author = new HttpApi(commandServiceUrl()).as(TestUsers.AUTHOR);
        HttpApi reader = new HttpApi(commandServiceUrl()).as(TestUsers.READER);
        HttpApi readerQueries = new HttpApi("http://127.0.0.1:" + port).as(TestUsers.READER);
        HttpApi authorQueries = new HttpApi("http://127.0.0.1:" + port).as(TestUsers.AUTHOR);
        String mine = author.post("/api/postmortems", "{\"title\":\"Review me\"}").ok().body().path("id").asText();
        long mineSubmitted = author.post("/api/postmortems/" + mine + "/submit-for-review", "{\"reviewers\":[\"reader\"]}").ok().version();
        String theirs = author.post("/api/postmortems", "{\"title\":\"Someone else reviews\"}").ok().body().path("id").asText();
        long theirsSubmitted = author.post("/api/postmortems/" + theirs + "/submit-for-review", "{\"reviewers\":[\"facilitator\"]}").ok().version();
        String draft = author.post("/api/postmortems", "{\"title\":\"Still a draft\"}").ok().body().path("id").asText();
        view(theirs, theirsSubmitted);
        view(draft, 0);

        JsonNode mineView = view(mine, mineSubmitted);
        assertThat(mineView.at("/review/reviewers/0/name").asText()).isEqualTo("reader");
        assertThat(mineView.at("/review/submittedBy").asText()).isEqualTo(TestUsers.AUTHOR);
        JsonNode awaiting = readerQueries.get("/api/postmortems?awaitingMyReview=true&size=100").ok().body().path("items");
        assertThat(awaiting.findValuesAsText("id")).contains(mine).doesNotContain(theirs, draft);
        JsonNode listed = StreamSupport.stream(awaiting.spliterator(), false)
                                       .filter(item -> item.path("id").asText().equals(mine)).findFirst().orElseThrow();
        assertThat(listed.path("submittedBy").asText()).as("the list says who asked").isEqualTo(TestUsers.AUTHOR);
        assertThat(listed.path("submittedAt").asText()).as("and since when").isEqualTo(mineView.at("/review/submittedAt").asText())
                                                       .isNotEmpty();
        assertThat(authorQueries.get("/api/postmortems?awaitingMyReview=true&size=100").ok().body().path("items").findValuesAsText("id"))
                .as("the author submitted it: it awaits someone else").doesNotContain(mine, theirs, draft);

        long approved = reader.post("/api/postmortems/" + mine + "/review/approve", "{\"note\":\"Clear.\"}").ok().version();
        assertThat(view(mine, approved).at("/review/verdicts/0/verdict").asText()).isEqualTo("APPROVED");
        assertThat(readerQueries.get("/api/postmortems?awaitingMyReview=true&size=100").ok().body().path("items").findValuesAsText("id"))
                .doesNotContain(mine);
    }

    @Test
    void onThisDayOffersTheIncidentsOfThisTimeOfYearInPastYearsThatOneMaySee() {
        String twoYears = incidentAt("Pager storm", "2017-08-24T09:00:00Z");
        String notThisWeek = incidentAt("Disk full", "2018-08-10T09:00:00Z");
        String thisYear = incidentAt("DNS flap", "2019-08-20T09:00:00Z");
        String restricted = incidentAt("Key leak", "2016-08-23T23:30:00Z");
        long restrictedAt = commands.as(TestUsers.FACILITATOR).put("/api/postmortems/" + restricted + "/restriction", "{\"groups\":[\"security\"]}")
                                    .ok().version();
        queries.as("insider").get("/api/postmortems/" + restricted + "?minVersion=" + restrictedAt).ok();
        HttpApi reader = queries.as(TestUsers.READER);
        JsonNode day = reader.get("/api/postmortems/on-this-day?date=2019-08-23&size=50").ok().body();
        assertThat(day.path("date").asText()).isEqualTo("2019-08-23");
        assertThat(day.path("items").findValuesAsText("id")).contains(twoYears).doesNotContain(notThisWeek, thisYear, restricted);
        JsonNode shown = StreamSupport.stream(day.path("items").spliterator(), false)
                                                        .filter(item -> item.at("/postMortem/id").asText().equals(twoYears)).findFirst().orElseThrow();
        assertThat(shown.path("yearsAgo").asInt()).isEqualTo(2);
        assertThat(queries.as("insider").get("/api/postmortems/on-this-day?date=2019-08-23&size=50").ok().body().path("items")
                          .findValuesAsText("id")).as("a member of the group").contains(twoYears, restricted);
        assertThat(reader.get("/api/postmortems/on-this-day?date=2019-08-23&days=30").problem(400).at("/errors/0/field").asText()).isEqualTo("days");
        assertThat(reader.get("/api/postmortems/on-this-day?date=1900-01-01").problem(400).at("/errors/0/field").asText()).isEqualTo("date");
    }

    private String incidentAt(String title, String start) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        view(id, commands.put("/api/postmortems/" + id + "/times/start", HttpApi.json(Map.of("at", start))).ok().version());
        return id;
    }

    @Test
    void badQueriesGetProblemJson() {
        queries.get("/api/postmortems/" + UUID.randomUUID()).problem(404);
        queries.get("/api/postmortems/" + UUID.randomUUID() + "/history").problem(404);
        JsonNode badTime = queries.get("/api/postmortems/x?asOf=yesterday").problem(400);
        assertThat(badTime.path("errors").get(0).path("field").asText()).isEqualTo("asOf");
        JsonNode badSort = queries.get("/api/postmortems?sort=secret").problem(400);
        assertThat(badSort.path("errors").get(0).path("field").asText()).isEqualTo("sort");
        JsonNode badSize = queries.get("/api/postmortems?size=100000").problem(400);
        assertThat(badSize.path("errors").get(0).path("field").asText()).isEqualTo("size");
        queries.get("/api/countermeasures?status=lost").problem(400);
        queries.get("/api/postmortems/x/diff?from=a&to=1").problem(400);
        JsonNode injection = queries.get("/api/postmortems?tag={\"$gt\":\"\"}").ok().body();
        assertThat(injection.path("items")).isEmpty();

        String id = commands.post("/api/postmortems", "{\"title\":\"Behind\"}").ok().body().path("id").asText();
        HttpApi.Response behind = queries.get("/api/postmortems/" + id + "?minVersion=99");
        JsonNode problem = behind.problem(503);
        assertThat(behind.header("Retry-After")).isEqualTo("1");
        assertThat(problem.path("currentVersion").asLong()).isZero();
    }
}
