package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, points 7 and 9 over real HTTP: guessing passwords is throttled per user (and per address, see
 * LoginThrottleTest) with 429 and Retry-After; a change a cross-site form could make is refused before it is
 * authenticated. Its own context (a smaller per-address allowance), so that its throttling cannot touch other tests.
 */
@TestPropertySource(properties = {"postmortem.security.login-throttle.failures-per-user=4", "postmortem.security.login-throttle.failures-per-address=100"})
class SignInAndCrossSiteIT extends RunningServiceTest {

    @Autowired
    EventStore eventStore;

    @Test
    void guessingAUsersPasswordIsThrottledWith429AndRetryAfter() {
        HttpApi guesser = api().as(TestUsers.READER, "not-the-password");
        for (int i = 0; i < 4; i++) {
            assertThat(guesser.get("/api/severities").problem(401).path("type").asText()).endsWith(":unauthenticated");
        }
        HttpApi.Response throttled = guesser.get("/api/severities");
        JsonNode problem = throttled.problem(429);
        assertThat(problem.path("type").asText()).isEqualTo("urn:problem-type:postmortem:too-many-sign-in-failures");
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo("Authorization");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
        assertThat(api().as(TestUsers.READER).get("/api/severities").status()).as("the user is throttled, whatever the password")
                                                                          .isEqualTo(429);
        api().as(TestUsers.AUTHOR).get("/api/severities").ok();

        for (int i = 0; i < 4; i++) {
            api().as("no-such-user", "guess-" + i).get("/api/severities").problem(401);
        }
        assertThat(api().as("no-such-user", "guess").get("/api/severities").status()).as("a name nobody has, the same").isEqualTo(429);
    }

    @Test
    void aChangeACrossSiteFormCouldMakeIsRefused() {
        HttpApi author = api().as(TestUsers.AUTHOR);
        String id = author.post("/api/postmortems", "{\"title\":\"Forged\"}").ok().body().path("id").asText();
        for (String contentType : new String[] {null, "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=b"}) {
            HttpApi.Response forged = contentType == null
                    ? author.send("POST", "/api/postmortems/" + id + "/submit-for-review", null)
                    : author.send("POST", "/api/postmortems/" + id + "/submit-for-review", "x=1".getBytes(StandardCharsets.UTF_8),
                            "Content-Type", contentType);
            JsonNode problem = forged.problem(403);
            assertThat(problem.path("type").asText()).as(contentType).isEqualTo("urn:problem-type:postmortem:cross-site-request");
        }
        author.send("PUT", "/api/postmortems/" + id + "/title", "{\"title\":\"Forged\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/plain").problem(403);
        assertThat(eventStore.readEvents(id).asStream().count()).as("nothing forged was stored").isEqualTo(1);

        author.send("POST", "/api/postmortems/" + id + "/submit-for-review", null, "X-Requested-With", "curl").ok();
        author.send("POST", "/api/postmortems/" + id + "/return-to-draft", null, "Sec-Fetch-Site", "same-origin").problem(403);
        api().as(TestUsers.FACILITATOR).send("POST", "/api/postmortems/" + id + "/return-to-draft", null, "Sec-Fetch-Site", "same-origin").ok();
        assertThat(eventStore.readEvents(id).asStream().count()).isEqualTo(3);
    }
}
