package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.JwtModeServiceTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static dev.postmortem.localstack.junit.TestTokens.AUDIENCE;
import static dev.postmortem.localstack.junit.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode: bearer tokens from the organisation's issuer, checked against a key generated here. Expired,
 * wrong issuer, wrong audience, bad signature, garbage and no token are all 401 problems; the token's subject is the
 * actor; roles come from the token.
 */
class JwtAuthenticationIT extends JwtModeServiceTest {

    @Autowired
    EventStore eventStore;

    @Test
    void aValidTokenWritesAndItsSubjectIsTheActor() {
        HttpApi ana = api().withBearer(ISSUER_KEYS.token("ana", List.of("postmortem-author")));
        String id = ana.post("/api/postmortems", "{\"title\":\"Token-authored\"}").ok().body().path("id").asText();
        DomainEventMessage<?> created = eventStore.readEvents(id).next();
        assertThat(created.getMetaData().get("actor")).isEqualTo("ana");
        assertThat(ana.post("/api/postmortems/" + id + "/publish", null).problem(403).path("type").asText())
                .isEqualTo("urn:problem-type:postmortem:forbidden");
        HttpApi reader = api().withBearer(ISSUER_KEYS.token("rui", List.of("postmortem-reader", "other-app-role")));
        reader.get("/api/severities").ok();
        reader.post("/api/postmortems", "{\"title\":\"x\"}").problem(403);
    }

    @Test
    void expiredWrongIssuerWrongAudienceBadSignatureAndMissingTokensAre401() {
        Instant later = Instant.now().plusSeconds(300);
        List<String> author = List.of("postmortem-author");
        assertUnauthorized(api().withBearer(ISSUER_KEYS.token("ana", ISSUER, AUDIENCE, Instant.now().minusSeconds(600), author, List.of())), "expired");
        assertUnauthorized(api().withBearer(ISSUER_KEYS.token("ana", "https://evil.example.test", AUDIENCE, later, author, List.of())), "wrong issuer");
        assertUnauthorized(api().withBearer(ISSUER_KEYS.token("ana", ISSUER, "another-app", later, author, List.of())), "wrong audience");
        assertUnauthorized(api().withBearer(OTHER_KEYS.token("ana", author)), "bad signature");
        assertUnauthorized(api().withBearer("not-a-jwt"), "garbage");
        HttpApi.Response none = api().post("/api/postmortems", "{\"title\":\"x\"}");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
    }

    /** Only the mapped values grant a role: another application's "ADMIN" or "author" grants nothing here. */
    @Test
    void rolesComeFromTheMappingOnly() {
        HttpApi other = api().withBearer(ISSUER_KEYS.token("eve", List.of("ADMIN", "admin", "AUTHOR", "author")));
        assertThat(other.get("/api/severities").status()).as("not even a reader").isEqualTo(403);
        other.post("/api/postmortems", "{\"title\":\"x\"}").problem(403);
        HttpApi facilitator = api().withBearer(ISSUER_KEYS.token("fay", List.of("postmortem-facilitator")));
        String id = facilitator.post("/api/postmortems", "{\"title\":\"Mapped\"}").ok().body().path("id").asText();
        facilitator.post("/api/postmortems/" + id + "/submit-for-review", null).ok();
    }

    /** A group named in one string is one group: "Security Team" is not the groups "Security" and "Team". */
    @Test
    void aGroupsClaimStringIsOneGroup() {
        Instant later = Instant.now().plusSeconds(300);
        HttpApi facilitator = api().withBearer(ISSUER_KEYS.token("fay", List.of("postmortem-facilitator")));
        String id = facilitator.post("/api/postmortems", "{\"title\":\"Team only\",\"restriction\":{\"groups\":[\"Security Team\"]}}")
                               .ok().body().path("id").asText();
        HttpApi member = api().withBearer(ISSUER_KEYS.token("mo", ISSUER, AUDIENCE, later, List.of("postmortem-author"), "Security Team"));
        member.put("/api/postmortems/" + id + "/title", "{\"title\":\"Renamed by the team\"}").ok();
        HttpApi security = api().withBearer(ISSUER_KEYS.token("sy", ISSUER, AUDIENCE, later, List.of("postmortem-author"), "Security"));
        security.put("/api/postmortems/" + id + "/title", "{\"title\":\"Not theirs\"}").problem(404);
    }

    @Test
    void aTokenThatNeverExpiresIs401() {
        assertUnauthorized(api().withBearer(ISSUER_KEYS.token("ana", ISSUER, AUDIENCE, null, List.of("postmortem-author"), List.of())),
                "no exp");
    }

    private static void assertUnauthorized(HttpApi api, String why) {
        HttpApi.Response response = api.post("/api/postmortems", "{\"title\":\"x\"}");
        assertThat(response.status()).as(why).isEqualTo(401);
        assertThat(response.header("Content-Type")).as(why).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isEqualTo("urn:problem-type:postmortem:unauthenticated");
    }
}
