package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.ReviewedPublication;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The command API over real HTTP against the real PostgreSQL of the local stack. */
class PostMortemApiIT extends RunningServiceTest {

    @Autowired
    EventStore eventStore;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = api().as(TestUsers.ADMIN);
    }

    String create(String title) {
        HttpApi.Response created = api.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok();
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    List<DomainEventMessage<?>> events(String id) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(id).asStream().forEach(events::add);
        return events;
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String id = create("Big paste");
        String huge = "x".repeat(600 * 1024);
        HttpApi.Response response = api.put("/api/postmortems/" + id + "/description", HttpApi.json(java.util.Map.of("summary", huge)));
        assertThat(response.problem(413).path("type").asText()).isEqualTo("urn:problem-type:postmortem:request-too-large");
        assertThat(events(id)).as("nothing written").hasSize(1);
    }

    @Test
    void blamelessLanguageIsPointedOutButTheWriteHappens() {
        String id = create("Cache stampede");
        String summary = "The deploy should have waited for the canary.";
        HttpApi.Response written = api.put("/api/postmortems/" + id + "/description",
                HttpApi.json(java.util.Map.of("summary", summary, "remediation", "Canary gate"))).ok();
        assertThat(written.version()).as("summary and remediation written: two events").isEqualTo(2);
        assertThat(events(id)).hasSize(3);
        var warnings = written.body().path("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).path("field").asText()).isEqualTo("summary");
        assertThat(warnings.get(0).path("rule").asText()).isEqualTo("counterfactual");
        assertThat(warnings.get(0).path("text").asText()).isEqualTo("should have");
        assertThat(summary.substring(warnings.get(0).path("start").asInt(), warnings.get(0).path("end").asInt())).isEqualTo("should have");
        assertThat(warnings.get(0).path("suggestion").asText()).contains("at the time");

        HttpApi.Response clean = api.put("/api/postmortems/" + id + "/description",
                HttpApi.json(java.util.Map.of("summary", "The deploy went out before the canary finished."))).ok();
        assertThat(clean.body().path("warnings").isArray()).isTrue();
        assertThat(clean.body().path("warnings")).isEmpty();
        HttpApi.Response created = api.post("/api/postmortems", "{\"title\":\"Outage: human error\"}").ok();
        assertThat(created.body().path("warnings").get(0).path("field").asText()).isEqualTo("title");
    }

    @Test
    void aWholePostMortemIsWrittenThroughTheApi() {
        HttpApi.Response created = api.post("/api/postmortems", "{\"title\":\"Checkout outage\"}", "X-Correlation-Id", "req-42").ok();
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        assertThat(created.header("Location")).endsWith(pm);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.header("X-Correlation-Id")).isEqualTo("req-42");

        api.put(pm + "/meeting", "{\"meetingAt\":\"2026-11-22T14:00:00Z\",\"contactPerson\":\"Ana\",\"facilitatedBy\":\"Ben\"}").ok();
        api.put(pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}").ok();
        api.put(pm + "/times/detect", "{\"at\":\"2026-11-20T10:07:00Z\"}").ok();
        api.put(pm + "/times/end", "{\"at\":\"2026-11-20T10:52:00Z\"}").ok();
        api.put(pm + "/times/first-user-impact", "{\"at\":\"2026-11-20T10:01:00Z\"}").ok();
        api.put(pm + "/times/end?reason=Recovery confirmed later", "{\"at\":\"2026-11-20T10:55:00Z\"}").ok();
        api.put(pm + "/severity", "{\"level\":\"sev2\"}").ok();
        String entry = api.post(pm + "/timeline", """
                {"occurredAt":"2026-11-20T10:07:00Z","kind":"DETECTION","description":"Error-rate alert fired",
                 "effect":"On-call paged","perspective":"on-call engineer"}""").ok().body().path("id").asText();
        api.post(pm + "/timeline", """
                {"occurredAt":"2026-11-20T10:20:00Z","kind":"investigation_path","description":"Suspected the CDN",
                 "effect":"Ruled out after 10 minutes"}""").ok();
        api.put(pm + "/timeline/" + entry, """
                {"occurredAt":"2026-11-20T10:06:30Z","kind":"DETECTION","description":"Error-rate alert fired",
                 "effect":"On-call paged","perspective":"on-call engineer"}""").ok();
        String stakeholder = api.post(pm + "/stakeholders", "{\"name\":\"Ana\",\"roles\":[\"RESPONDED\",\"DIAGNOSED\"]}")
                                .ok().body().path("id").asText();
        api.put(pm + "/stakeholders/" + stakeholder, "{\"roles\":[\"RESPONDED\"]}").ok();
        api.put(pm + "/five-whys/1", "{\"question\":\"Why did checkout fail?\",\"answer\":\"The database refused connections.\"}").ok();
        api.put(pm + "/five-whys/2", "{\"question\":\"Why?\",\"answer\":\"The connection pool was exhausted by retries.\"}").ok();
        api.put(pm + "/root-cause", "{\"rootCause\":\"Client retries without back-off\"}").ok();
        api.put(pm + "/description", """
                {"summary":"Checkout failed for 45 minutes.","remediation":"Pool limit raised; retries back off.",
                 "additionalInfo":"Dashboard: https://grafana.example/d/checkout"}""").ok();
        api.put(pm + "/bug-tickets", "{\"tickets\":[{\"reference\":\"OPS-1\",\"url\":\"https://tracker.example/OPS-1\"}]}").ok();
        api.put(pm + "/tags", "{\"tags\":[\" Database \",\"retries\"]}").ok();
        api.put(pm + "/affected-services", "{\"services\":[\"checkout\"]}").ok();
        api.put(pm + "/owning-teams", "{\"teams\":[\"Team Payments\"]}").ok();
        String countermeasure = api.post(pm + "/countermeasures",
                "{\"title\":\"Exponential back-off\",\"priority\":\"HIGH\",\"type\":\"PREVENTIVE\"}").ok().body().path("id").asText();
        String cm = pm + "/countermeasures/" + countermeasure;
        api.put(cm + "/assignment", "{\"owner\":\"Ana\",\"targetDate\":\"2026-12-15\"}").ok();
        api.post(cm + "/start", null).ok();
        api.post(cm + "/complete", "{\"note\":\"Shipped in 4.2\"}").ok();
        api.post(cm + "/revisit", "{\"verdict\":\"EFFECTIVE\",\"note\":\"No recurrence\"}").ok();
        // A SEV2: as shipped, publication needs one reviewer's approval; the reader reviews it.
        HttpApi.Response published = ReviewedPublication.publish(api(), id, TestUsers.ADMIN, TestUsers.READER, TestUsers.ADMIN);

        List<DomainEventMessage<?>> events = events(id);
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName()).containsExactly(
                "PostMortemCreated", "MeetingDetailsRecorded",
                "IncidentTimeRecorded", "IncidentTimeRecorded", "IncidentTimeRecorded", "IncidentTimeRecorded", "IncidentTimeCorrected",
                "SeverityAssessed", "TimelineEntryAdded", "TimelineEntryAdded", "TimelineEntryCorrected",
                "StakeholderAdded", "StakeholderRolesChanged", "WhyAnswered", "WhyAnswered", "RootCauseIdentified",
                "SummaryWritten", "RemediationWritten", "AdditionalInfoWritten", "BugTicketLinked", "TagAdded", "TagAdded",
                "AffectedServiceAdded", "OwningTeamAdded", "CountermeasureProposed", "CountermeasureAssigned",
                "CountermeasureStarted", "CountermeasureCompleted", "CountermeasureRevisited", "SubmittedForReview",
                "ReviewerAssigned", "ReviewApproved", "PostMortemPublished");
        assertThat(published.version()).isEqualTo(events.size() - 1);
        assertThat(published.header("ETag")).isEqualTo("\"" + (events.size() - 1) + "\"");
        assertThat(events).filteredOn(event -> !event.getPayloadType().getSimpleName().equals("ReviewApproved"))
                          .allSatisfy(event -> assertThat(event.getMetaData()).containsEntry("actor", TestUsers.ADMIN));
        assertThat(events.get(events.size() - 2).getMetaData()).containsEntry("actor", TestUsers.READER);
        assertThat(events.get(0).getMetaData()).containsEntry("traceId", "req-42");
        assertThat(events.get(6).getMetaData()).containsEntry("reason", "Recovery confirmed later");
        assertThat(events.get(1).getMetaData()).doesNotContainKey("reason");
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber)
                          .containsExactlyElementsOf(() -> java.util.stream.LongStream.range(0, events.size()).boxed().iterator());
    }

    @Test
    void aStaleIfMatchGets412AndChangesNothing() {
        String id = create("Cache stampede");
        String pm = "/api/postmortems/" + id;
        HttpApi.Response first = api.put(pm + "/title", "{\"title\":\"Cache stampede in EU\"}", "If-Match", "\"0\"").ok();
        assertThat(first.header("ETag")).isEqualTo("\"1\"");

        JsonNode problem = api.put(pm + "/title", "{\"title\":\"Cache stampede (stale)\"}", "If-Match", "\"0\"").problem(412);
        assertThat(problem.path("currentVersion").asLong()).isEqualTo(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("If-Match");
        assertThat(api.put(pm + "/title", "{\"title\":\"Future\"}", "If-Match", "\"7\"").status()).isEqualTo(412);
        assertThat(events(id)).hasSize(2);

        api.put(pm + "/title", "{\"title\":\"Cache stampede, final\"}", "If-Match", "\"1\"").ok();
        api.put(pm + "/title", "{\"title\":\"Any version\"}", "If-Match", "*").ok();
        assertThat(events(id)).hasSize(4);
    }

    @Test
    void aMalformedIfMatchIsA400() {
        String id = create("x");
        JsonNode problem = api.put("/api/postmortems/" + id + "/title", "{\"title\":\"y\"}", "If-Match", "W/\"0\"").problem(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("If-Match");
    }

    @Test
    void theIncidentInThePagingToolIsLinkedReplacedAndTakenAway() {
        String pm = "/api/postmortems/" + create("Linked incident");
        long linked = api.put(pm + "/incident", "{\"provider\":\"PagerDuty\",\"incidentId\":\"Q2LC6ZT3O8XKA1\","
                + "\"url\":\"https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1\"}").ok().version();
        assertThat(api.put(pm + "/incident", "{\"provider\":\"pagerduty\",\"incidentId\":\"Q2LC6ZT3O8XKA1\","
                + "\"url\":\"https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1\"}").ok().version()).as("the same link again").isEqualTo(linked);

        JsonNode badProvider = api.put(pm + "/incident", "{\"provider\":\"pager duty\",\"incidentId\":\"Q2\"}").problem(422);
        assertThat(badProvider.path("errors").get(0).path("field").asText()).isEqualTo("provider");
        JsonNode badUrl = api.put(pm + "/incident", "{\"provider\":\"other\",\"incidentId\":\"INC-42\",\"url\":\"file:///etc/passwd\"}").problem(422);
        assertThat(badUrl.path("errors").get(0).path("field").asText()).isEqualTo("url");
        JsonNode missing = api.put(pm + "/incident", "{\"provider\":\"other\"}").problem(400);
        assertThat(missing.path("errors").get(0).path("field").asText()).isEqualTo("incidentId");

        long replaced = api.put(pm + "/incident", "{\"provider\":\"opsgenie\",\"incidentId\":\"70413a06-38d6-4c85-92b8-5ebc900d42e2\"}").ok().version();
        assertThat(replaced).isEqualTo(linked + 1);
        assertThat(api.delete(pm + "/incident", "X-Requested-With", "test").ok().version()).isEqualTo(replaced + 1);
        assertThat(api.delete(pm + "/incident", "X-Requested-With", "test").ok().version()).as("nothing to take away").isEqualTo(replaced + 1);
    }

    @Test
    void badInputGetsProblemJsonNamingTheField() {
        String pm = "/api/postmortems/" + create("Bad input");

        JsonNode malformed = api.post("/api/postmortems", "{\"title\": ").problem(400);
        assertThat(malformed.path("errors").get(0).path("field").asText()).isEqualTo("body");

        JsonNode missing = api.post(pm + "/timeline", "{\"kind\":\"ACTION\"}").problem(400);
        assertThat(missing.path("errors").findValuesAsText("field")).containsExactly("description", "occurredAt");

        JsonNode badEnum = api.post(pm + "/timeline",
                "{\"occurredAt\":\"2026-11-20T10:00:00Z\",\"kind\":\"GUESS\",\"description\":\"x\"}").problem(400);
        assertThat(badEnum.path("errors").get(0).path("field").asText()).isEqualTo("kind");
        assertThat(badEnum.path("errors").get(0).path("message").asText()).contains("INVESTIGATION_PATH");

        JsonNode badDate = api.put(pm + "/times/start", "{\"at\":\"yesterday\"}").problem(400);
        assertThat(badDate.path("errors").get(0).path("field").asText()).isEqualTo("at");

        JsonNode wrongType = api.put(pm + "/tags", "{\"tags\":\"database\"}").problem(400);
        assertThat(wrongType.path("errors").get(0).path("field").asText()).isEqualTo("tags");

        JsonNode nested = api.put(pm + "/bug-tickets", "{\"tickets\":[{\"reference\":\"OPS-1\"}]}").problem(400);
        assertThat(nested.path("errors").get(0).path("field").asText()).isEqualTo("tickets[0].url");

        JsonNode actorFromBody = api.post("/api/postmortems", "{\"title\":\"x\",\"createdBy\":\"mallory\"}").problem(400);
        assertThat(actorFromBody.path("errors").get(0).path("field").asText()).isEqualTo("createdBy");

        JsonNode tooLong = api.post("/api/postmortems", HttpApi.json(Map.of("title", "x".repeat(201)))).problem(400);
        assertThat(tooLong.path("errors").get(0).path("field").asText()).isEqualTo("title");

        JsonNode noBody = api.put(pm + "/severity", null).problem(400);
        assertThat(noBody.path("errors").get(0).path("field").asText()).isEqualTo("body");

        JsonNode badStep = api.put(pm + "/five-whys/one", "{\"question\":\"q\",\"answer\":\"a\"}").problem(400);
        assertThat(badStep.path("errors").get(0).path("field").asText()).isEqualTo("step");

        JsonNode longReason = api.put(pm + "/title?reason=" + "r".repeat(1001), "{\"title\":\"y\"}").problem(400);
        assertThat(longReason.path("errors").get(0).path("field").asText()).isEqualTo("reason");

        assertThat(api.post(pm + "/timeline", "<xml/>", "Content-Type", "application/xml", "X-Requested-With", "test").status())
                .as("an API client's wrong type").isEqualTo(415);
        assertThat(api.post(pm + "/timeline", "<xml/>", "Content-Type", "application/xml").status())
                .as("what a cross-site form could send is refused first").isEqualTo(403);
    }

    @Test
    void endBeforeStartIsRejectedWithTheField() {
        String pm = "/api/postmortems/" + create("Times");
        api.put(pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}").ok();
        JsonNode problem = api.put(pm + "/times/end", "{\"at\":\"2026-11-20T09:00:00Z\"}").problem(422);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("at");
        assertThat(problem.path("detail").asText()).contains("end").contains("start");

        JsonNode badName = api.put(pm + "/times/not a name!", "{\"at\":\"2026-11-20T11:00:00Z\"}").problem(422);
        assertThat(badName.path("errors").get(0).path("field").asText()).isEqualTo("name");

        JsonNode badLevel = api.put(pm + "/severity", "{\"level\":\"SEV0\"}").problem(422);
        assertThat(badLevel.path("detail").asText()).contains("SEV1, SEV2, SEV3, SEV4, SEV5");
    }

    @Test
    void unknownIdsAre404() {
        JsonNode unknownPostMortem = api.put("/api/postmortems/00000000-0000-0000-0000-000000000000/title", "{\"title\":\"x\"}")
                                        .problem(404);
        assertThat(unknownPostMortem.path("type").asText()).endsWith("post-mortem-not-found");

        String pm = "/api/postmortems/" + create("Parts");
        JsonNode unknownEntry = api.delete(pm + "/timeline/nope").problem(404);
        assertThat(unknownEntry.path("errors").get(0).path("field").asText()).isEqualTo("entryId");
        api.delete(pm + "/stakeholders/nope").problem(404);
        api.post(pm + "/countermeasures/nope/start", null).problem(404);
        api.get("/api/nothing-here").problem(404);
    }

    @Test
    void stateConflictsAre409() {
        String pm = "/api/postmortems/" + create("Conflicts");
        String cm = api.post(pm + "/countermeasures", "{\"title\":\"Alert on pool\",\"priority\":\"MEDIUM\",\"type\":\"DETECTIVE\"}")
                       .ok().body().path("id").asText();
        JsonNode early = api.post(pm + "/countermeasures/" + cm + "/complete", "{\"note\":\"done\"}").problem(409);
        assertThat(early.path("detail").asText()).contains("assigned");

        api.post(pm + "/submit-for-review", null).ok();
        JsonNode blocked = api.post(pm + "/publish", null).problem(409);
        assertThat(blocked.path("errors").findValuesAsText("field"))
                .containsExactly("severity", "summary", "timeline", "countermeasures[" + cm + "]");
    }

    @Test
    void aCommandThatChangesNothingStoresNothing() {
        String id = create("Idempotent");
        String pm = "/api/postmortems/" + id;
        long version = api.put(pm + "/severity", "{\"level\":\"SEV3\"}").ok().version();
        HttpApi.Response again = api.put(pm + "/severity", "{\"level\":\"sev3\"}").ok();
        assertThat(again.version()).isEqualTo(version);
        assertThat(again.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(events(id)).hasSize(2);
    }

    @Test
    void concurrentWritersToOnePostMortemNeverFail() throws Exception {
        String id = create("Concurrent");
        String pm = "/api/postmortems/" + id;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpApi.Response>> writes = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String tag = "tag-" + i;
                writes.add(() -> api.post(pm + "/timeline", HttpApi.json(Map.of("occurredAt", "2026-11-20T10:00:00Z",
                        "kind", "ACTION", "description", tag))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpApi.Response> result : pool.invokeAll(writes)) {
                statuses.add(result.get().status());
            }
            assertThat(statuses).allMatch(status -> status == 201 || status == 409);
            long stored = statuses.stream().filter(status -> status == 201).count();
            assertThat(events(id)).hasSize((int) stored + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSeverityScaleIsPublished() {
        JsonNode levels = api.get("/api/severities").ok().body();
        assertThat(StreamSupport.stream(levels.spliterator(), false).map(level -> level.path("name").asText()))
                .containsExactly("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
        assertThat(levels.get(0).path("definition").asText()).isNotBlank();
    }
}
