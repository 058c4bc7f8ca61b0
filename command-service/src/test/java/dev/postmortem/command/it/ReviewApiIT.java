package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Issue 20, review as a conversation, over HTTP with the real users and roles: the author submits naming the reader as
 * reviewer; the reader comments on a timeline entry (a reader may), the author replies and resolves it; someone not
 * named gets 403; the reader asks for changes, which holds publication (409 naming it, with the approval a SEV2 needs
 * under the shipped rules) until the author changes the summary and the reader approves; the facilitator publishes.
 */
class ReviewApiIT extends RunningServiceTest {

    @Autowired
    EventStore eventStore;

    @Test
    void aReviewerCommentsTheAuthorResolvesTheReviewerApprovesTheFacilitatorPublishes() {
        HttpApi author = api().as(TestUsers.AUTHOR);
        HttpApi reader = api().as(TestUsers.READER);
        HttpApi facilitator = api().as(TestUsers.FACILITATOR);
        String id = author.post("/api/postmortems", HttpApi.json(Map.of("title", "Checkout outage"))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        author.put(pm + "/severity", "{\"level\":\"SEV2\"}").ok();
        author.put(pm + "/description", "{\"summary\":\"Checkout failed for 45 minutes.\"}").ok();
        String entry = author.post(pm + "/timeline", """
                {"occurredAt":"2026-11-20T10:07:00Z","kind":"DETECTION","description":"Error-rate alert fired"}""").ok().body().path("id").asText();

        JsonNode selfReview = author.post(pm + "/submit-for-review", "{\"reviewers\":[\"author\"]}").problem(422);
        assertThat(selfReview.path("errors").get(0).path("field").asText()).isEqualTo("reviewers");
        author.post(pm + "/submit-for-review", "{\"reviewers\":[\"reader\"],\"reviewerGroups\":[\"sre\"]}").ok();

        HttpApi.Response comment = reader.post(pm + "/review/comments", HttpApi.json(Map.of("section", "timeline", "partId", entry,
                "text", "Someone should have noticed earlier: was this alert the first signal?"))).ok();
        assertThat(comment.status()).isEqualTo(201);
        assertThat(comment.body().path("warnings")).as("comments get the blameless-writing check")
                                                   .anySatisfy(warning -> assertThat(warning.path("rule").asText()).isEqualTo("counterfactual"));
        String thread = comment.body().path("id").asText();
        String reply = author.post(pm + "/review/comments", HttpApi.json(Map.of("replyTo", thread, "text", "Yes; a customer report came 4 minutes later.")))
                             .ok().body().path("id").asText();
        author.post(pm + "/review/comments/" + reply + "/resolve", null).ok();
        JsonNode unknownPart = reader.post(pm + "/review/comments", HttpApi.json(Map.of("section", "COUNTERMEASURES", "partId", "nope", "text", "?")))
                                     .problem(404);
        assertThat(unknownPart.path("errors").get(0).path("field").asText()).isEqualTo("partId");

        JsonNode notAReviewer = facilitator.post(pm + "/review/approve", null).problem(403);
        assertThat(notAReviewer.path("type").asText()).endsWith("not-a-reviewer");
        reader.post(pm + "/review/request-changes", "{\"note\":\"Say how long customers were affected.\"}").ok();
        JsonNode held = facilitator.post(pm + "/publish", null).problem(409);
        assertThat(held.path("errors")).extracting(error -> error.path("message").asText()).containsExactly(
                "needs 1 approval from its reviewers at SEV2; it has 0", "reader requested changes: make them, then ask reader to approve");

        author.put(pm + "/description", "{\"summary\":\"Checkout failed for 45 minutes; 12% of customers saw errors.\"}").ok();
        HttpApi.Response approved = reader.post(pm + "/review/approve", "{\"note\":\"Thanks.\"}").ok();
        HttpApi.Response published = facilitator.post(pm + "/publish", null, "If-Match", "\"" + approved.version() + "\"").ok();

        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(id).asStream().forEach(events::add);
        assertThat(events.subList(4, events.size())).extracting(event -> event.getPayloadType().getSimpleName(),
                event -> event.getMetaData().get("actor")).containsExactly(
                tuple("SubmittedForReview", TestUsers.AUTHOR),
                tuple("ReviewerAssigned", TestUsers.AUTHOR),
                tuple("ReviewerAssigned", TestUsers.AUTHOR),
                tuple("ReviewCommentAdded", TestUsers.READER),
                tuple("ReviewCommentAdded", TestUsers.AUTHOR),
                tuple("ReviewCommentResolved", TestUsers.AUTHOR),
                tuple("ChangesRequested", TestUsers.READER),
                tuple("SummaryWritten", TestUsers.AUTHOR),
                tuple("ReviewApproved", TestUsers.READER),
                tuple("PostMortemPublished", TestUsers.FACILITATOR));
        assertThat(published.version()).isEqualTo(events.size() - 1);
    }

    @Test
    void aChangeAfterTheApprovalWithdrawsItAndTheAnswerCarriesTheVersionAfterIt() {
        HttpApi author = api().as(TestUsers.AUTHOR);
        HttpApi reader = api().as(TestUsers.READER);
        String id = author.post("/api/postmortems", HttpApi.json(Map.of("title", "Queue backlog"))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        author.post(pm + "/submit-for-review", "{\"reviewers\":[\"reader\"]}").ok();
        reader.post(pm + "/review/approve", null).ok();

        HttpApi.Response changed = author.put(pm + "/title", "{\"title\":\"Queue backlog in EU\"}").ok();

        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.readEvents(id).asStream().forEach(events::add);
        assertThat(events.get(events.size() - 1).getPayloadType().getSimpleName()).isEqualTo("ApprovalsWithdrawn");
        assertThat(changed.version()).isEqualTo(events.size() - 1);
        author.put(pm + "/title", "{\"title\":\"Queue backlog in the EU\"}", "If-Match", "\"" + changed.version() + "\"").ok();
    }
}
