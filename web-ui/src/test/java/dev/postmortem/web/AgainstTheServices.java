package dev.postmortem.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The web UI in this JVM on a random port, in front of the real services ({@link Services}) on the shared local
 * stack: the pages' tests and the browser's see what a person sees, data and refusals included.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
abstract class AgainstTheServices {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        Services.start();
        registry.add("postmortem.web-ui.command-service", Services::commandService);
        registry.add("postmortem.web-ui.query-service", Services::queryService);
        registry.add("postmortem.security.web-token-key-file", Services.KEY::toString);
    }

    @LocalServerPort
    int port;

    String webUi() {
        return "http://127.0.0.1:" + port;
    }

    static HttpApi commands(String user) {
        return new HttpApi(Services.commandService()).as(user);
    }

    static HttpApi queries(String user) {
        return new HttpApi(Services.queryService()).as(user);
    }

    /** The post-mortem as {@code user} reads it once the query side has reached {@code version}. */
    static JsonNode view(String user, String id, long version) {
        return await("view of " + id + " at version " + version).atMost(Duration.ofSeconds(60)).until(
                () -> queries(user).get("/api/postmortems/" + id + "?minVersion=" + version), answer -> answer.status() == 200).body();
    }

    /** A new post-mortem started by {@code user} through the API, with a title no other test shares. */
    static String started(String user, String title) {
        return commands(user).post("/api/postmortems", HttpApi.json(Map.of("title", title + " " + unique()))).ok().body().path("id")
                             .asText();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static final String AUTHOR = TestUsers.AUTHOR;
    static final String READER = TestUsers.READER;
    static final String FACILITATOR = TestUsers.FACILITATOR;
}
