package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One request each for the bugs FuzzIT found: each was a 5xx, a non-problem error, or a write answered with a 4xx. */
class HostileRequestsIT extends RunningServiceTest {

    @Autowired
    EventStore eventStore;

    HttpApi api;
    String id;

    @BeforeEach
    void setUp() {
        api = api().as(TestUsers.ADMIN);
        id = api.post("/api/postmortems", "{\"title\":\"Hostile requests\"}").ok().body().path("id").asText();
    }

    long events() {
        return eventStore.readEvents(id).asStream().count();
    }

    /**
     * As an API client sends it: with {@code X-Requested-With}, so that what these requests test is reached (without it,
     * a change whose body is not JSON is refused first, as a possible cross-site request: SignInAndCrossSiteIT).
     */
    HttpApi.Response send(String method, String path, String body, String... headers) {
        String[] withHeader = java.util.Arrays.copyOf(headers, headers.length + 2);
        withHeader[headers.length] = "X-Requested-With";
        withHeader[headers.length + 1] = "HostileRequestsIT";
        return api.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), withHeader);
    }

    /** FuzzIT found it: the Location of a 201 echoed the request's query, and 6 KB of it overflowed the response headers (500). */
    @Test
    void whatIsCreatedIsAtItsOwnUrlWhateverQueryTheRequestCarried() {
        String query = "?id%5B%24ne%5D=" + "%F0%9F%98%80".repeat(500);
        HttpApi.Response created = send("POST", "/api/postmortems/" + id + "/stakeholders" + query,
                "{\"name\":\"Ana Pereira\",\"roles\":[\"AFFECTED\"]}", "Content-Type", "application/json");
        assertThat(created.status()).isEqualTo(201);
        String stakeholder = created.body().path("id").asText();
        assertThat(created.header("Location")).isEqualTo(baseUrl() + "/api/postmortems/" + id + "/stakeholders/" + stakeholder);
    }

    @Test
    void aWriteForAClientThatCannotTakeJsonIsRefusedBeforeAnythingIsStored() {
        send("PUT", "/api/postmortems/" + id + "/description", "{\"summary\":\"Written?\"}",
                "Content-Type", "application/json", "Accept", "text/csv").problem(406);
        assertThat(events()).as("the write did not happen").isEqualTo(1);
    }

    @Test
    void anUnparseableAcceptHeaderGetsAProblemNotAnEmpty406() {
        send("GET", "/api/severities", null, "Accept", "application/json;q=garbage").problem(406);
    }

    @Test
    void aWildcardContentTypeIs415() {
        send("PUT", "/api/postmortems/" + id + "/title", "{\"title\":\"x\"}", "Content-Type", "*/*").problem(415);
        send("PUT", "/api/postmortems/" + id + "/title", "{\"title\":\"x\"}", "Content-Type", "application/*").problem(415);
    }

    @Test
    void aFieldNamedTwiceIsMalformedJson() {
        send("PUT", "/api/postmortems/" + id + "/title", "{\"title\":1,\"title\":\"x\"}", "Content-Type", "application/json").problem(400);
        assertThat(events()).isEqualTo(1);
    }

    @Test
    void aMultipartBodyIs415() {
        send("POST", "/api/postmortems", "{\"title\":\"x\"}", "Content-Type", "multipart/form-data").problem(415);
    }

    @Test
    void aFormParameterNameTheFirewallRefusesIs400() {
        send("POST", "/api/postmortems/" + id + "/stakeholders", "\n\t=1", "Content-Type", "application/x-www-form-urlencoded").problem(400);
    }

    @Test
    void aPathTheFirewallRefusesGetsAProblemDocument() {
        HttpApi.Response response = send("DELETE", "/api/postmortems/" + id + "/times/..", null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(400);
    }

    @Test
    void aHeaderTomcatRefusesGetsAProblemDocument() {
        HttpApi.Response response = send("GET", "/api/severities", null, "X-Correlation-Id", "x".repeat(9_000));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(400);
    }

    @Test
    void aMalformedFormBodyOnAPutIsRefusedNotParsed() {
        HttpApi.Response response = send("PUT", "/api/postmortems/" + id + "/timeline/x", "{\"occurredAt\":[\"%\"]}",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(response.status()).as("was a 500: Spring's form filter failed on the bad %-escape").isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(events()).as("nothing stored").isEqualTo(1);
    }
}
