package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.JwtModeServiceTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.postmortem.localstack.junit.TestTokens.AUDIENCE;
import static dev.postmortem.localstack.junit.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

/** The query service in production mode: a reader's token reads, an author's does not rebuild, bad tokens are 401. */
class JwtAuthenticationIT extends JwtModeServiceTest {

    @Test
    void tokensDecideWhoReadsAndWhoRebuilds() {
        HttpApi api = api();
        api.withBearer(ISSUER_KEYS.token("rui", List.of("postmortem-reader"))).get("/api/postmortems").ok();
        api.withBearer(ISSUER_KEYS.token("ana", List.of("postmortem-author"))).post("/api/admin/rebuild", null).problem(403);
        Instant later = Instant.now().plusSeconds(300);
        for (String token : List.of(ISSUER_KEYS.token("rui", ISSUER, AUDIENCE, Instant.now().minusSeconds(600), List.of("postmortem-reader"), List.of()),
                ISSUER_KEYS.token("rui", "https://evil.example.test", AUDIENCE, later, List.of("postmortem-reader"), List.of()),
                ISSUER_KEYS.token("rui", ISSUER, "another-app", later, List.of("postmortem-reader"), List.of()),
                OTHER_KEYS.token("rui", List.of("postmortem-reader")))) {
            assertThat(api.withBearer(token).get("/api/postmortems").problem(401).path("type").asText())
                    .isEqualTo("urn:problem-type:postmortem:unauthenticated");
        }
    }
}
