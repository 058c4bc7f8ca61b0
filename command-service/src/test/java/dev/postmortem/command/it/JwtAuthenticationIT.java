package dev.postmortem.command.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode: bearer tokens from the organisation's issuer, checked against a key generated here. Expired,
 * wrong issuer, wrong audience, bad signature and no token are all 401 problems; the token's subject is the actor.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtAuthenticationIT {

    static final String ISSUER = "https://login.example.test/realms/engineering";
    static final String AUDIENCE = "postmortem";
    static final RSAKey KEY = rsaKey();
    static final RSAKey OTHER_KEY = rsaKey();

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) {
        registry.add("postmortem.security.mode", () -> "jwt");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKeyFile());
        registry.add("postmortem.security.jwt.issuer", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    HttpApi api() {
        return new HttpApi("http://127.0.0.1:" + port);
    }

    @Test
    void aValidTokenWritesAndItsSubjectIsTheActor() {
        HttpApi ana = api().withBearer(token(KEY, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), List.of("AUTHOR")));
        String id = ana.post("/api/postmortems", "{\"title\":\"Token-authored\"}").ok().body().path("id").asText();
        DomainEventMessage<?> created = eventStore.readEvents(id).next();
        assertThat(created.getMetaData().get("actor")).isEqualTo("ana");
        assertThat(ana.post("/api/postmortems/" + id + "/publish", null).problem(403).path("type").asText())
                .isEqualTo("urn:problem-type:postmortem:forbidden");
        HttpApi reader = api().withBearer(token(KEY, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), List.of("reader", "other-app-role")));
        reader.get("/api/severities").ok();
        reader.post("/api/postmortems", "{\"title\":\"x\"}").problem(403);
    }

    @Test
    void expiredWrongIssuerWrongAudienceBadSignatureAndMissingTokensAre401() {
        Instant later = Instant.now().plusSeconds(300);
        List<String> author = List.of("AUTHOR");
        assertUnauthorized(api().withBearer(token(KEY, ISSUER, AUDIENCE, Instant.now().minusSeconds(600), author)), "expired");
        assertUnauthorized(api().withBearer(token(KEY, "https://evil.example.test", AUDIENCE, later, author)), "wrong issuer");
        assertUnauthorized(api().withBearer(token(KEY, ISSUER, "another-app", later, author)), "wrong audience");
        assertUnauthorized(api().withBearer(token(OTHER_KEY, ISSUER, AUDIENCE, later, author)), "bad signature");
        assertUnauthorized(api().withBearer("not-a-jwt"), "garbage");
        HttpApi.Response none = api().post("/api/postmortems", "{\"title\":\"x\"}");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
    }

    private static void assertUnauthorized(HttpApi api, String why) {
        HttpApi.Response response = api.post("/api/postmortems", "{\"title\":\"x\"}");
        assertThat(response.status()).as(why).isEqualTo(401);
        assertThat(response.header("Content-Type")).as(why).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isEqualTo("urn:problem-type:postmortem:unauthenticated");
    }

    static String token(RSAKey key, String issuer, String audience, Instant expiry, List<String> roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("ana").issuer(issuer).audience(audience)
                                                            .issueTime(Date.from(expiry.minusSeconds(900)))
                                                            .expirationTime(Date.from(expiry)).claim("roles", roles).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("k" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("issuer-public-key", ".pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
