package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.JwtModeServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.postmortem.localstack.junit.TestTokens.AUDIENCE;
import static dev.postmortem.localstack.junit.TestTokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

/** The query service in production mode: a reader's token reads, an author's does not rebuild, bad tokens are 401. */
class JwtAuthenticationIT extends JwtModeServiceTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void whoeverUsesTheApiWithATokenCanBeReachedByTheClaimsItCarries() {
        String name = "rui-" + UUID.randomUUID().toString().substring(0, 8);
        api().withBearer(ISSUER_KEYS.token(name, List.of("postmortem-reader"), List.of("security"), Map.of("email", name + "@example.org")))
             .get("/api/postmortems").ok();
        Document person = mongo.findById(name, Document.class, "notify_people");
        assertThat(person).as("remembered for the notifier").isNotNull();
        assertThat(person.getString("email")).isEqualTo(name + "@example.org");
        assertThat(person.getList("groups", String.class)).containsExactly("security");

        api().withBearer(ISSUER_KEYS.token(name, List.of("postmortem-reader"), List.of("security"),
                Map.of("email", name + "@example.org", "email_verified", false))).get("/api/postmortems").ok();
        assertThat(mongo.findById(name, Document.class, "notify_people").getString("email"))
                .as("an address the issuer has not verified is not used").isNull();
    }

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
