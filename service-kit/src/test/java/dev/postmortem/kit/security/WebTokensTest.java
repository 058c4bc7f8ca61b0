package dev.postmortem.kit.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebTokensTest {

    static SecurityProperties keyFile(Path file) {
        return keyed(file, null);
    }

    static SecurityProperties keyed(Path file, String key) {
        return new SecurityProperties(SecurityProperties.Mode.LOCAL, List.of(), Map.of(), null, file, key,
                new SecurityProperties.Jwt(null, "sub", "roles", "groups", Map.of(), null),
                new SecurityProperties.LoginThrottle(true, 10, 30, Duration.ofMinutes(1)));
    }

    static Path key(Path dir, String name) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Files.writeString(dir.resolve(name), Base64.getEncoder().encodeToString(key) + "\n");
    }

    @Test
    void aTokenNamesThePersonAndLivesTwoMinutes(@TempDir Path dir) throws Exception {
        Path key = key(dir, "web-token-key");
        String token = WebTokens.signer(keyFile(key), Clock.systemUTC()).tokenFor("ana");
        var decoded = WebTokens.decoder(keyFile(key)).decode(token);
        assertThat(decoded.getSubject()).isEqualTo("ana");
        assertThat(decoded.getClaimAsString("iss")).isEqualTo(WebTokens.ISSUER);
        assertThat(Duration.between(decoded.getIssuedAt(), decoded.getExpiresAt())).isEqualTo(WebTokens.LIFETIME);
    }

    @Test
    void anotherKeyAnOldTokenOrALongLivedOneIsRefused(@TempDir Path dir) throws Exception {
        Path key = key(dir, "web-token-key");
        JwtDecoder decoder = WebTokens.decoder(keyFile(key));
        assertThatThrownBy(() -> decoder.decode(WebTokens.signer(keyFile(key(dir, "other")), Clock.systemUTC()).tokenFor("ana")))
                .isInstanceOf(JwtException.class);
        Clock lastHour = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        assertThatThrownBy(() -> decoder.decode(WebTokens.signer(keyFile(key), lastHour).tokenFor("ana"))).isInstanceOf(JwtException.class);

        byte[] raw = WebTokens.key(keyFile(key));
        for (JWTClaimsSet claims : new JWTClaimsSet[] {
                claims(WebTokens.ISSUER, WebTokens.AUDIENCE, Duration.ofDays(365)),
                claims("someone-else", WebTokens.AUDIENCE, Duration.ofMinutes(1)),
                claims(WebTokens.ISSUER, "another-api", Duration.ofMinutes(1))}) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(raw));
            assertThatThrownBy(() -> decoder.decode(jwt.serialize())).as(claims.toString()).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void aShortOrMissingKeyIsNamed(@TempDir Path dir) throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short"), Base64.getEncoder().encodeToString(new byte[8]));
        assertThatThrownBy(() -> WebTokens.decoder(keyFile(shortKey))).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> WebTokens.decoder(keyFile(dir.resolve("absent")))).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> WebTokens.decoder(keyed(null, "not base64!"))).hasMessageContaining("web-token-key is not base64");
        assertThatThrownBy(() -> WebTokens.decoder(keyed(null, null))).hasMessageContaining("is not set");
        assertThatThrownBy(() -> WebTokens.decoder(keyed(key(dir, "both"), Base64.getEncoder().encodeToString(new byte[32]))))
                .hasMessageContaining("not both");
    }

    @Test
    void theKeyCanBeGivenItselfAsInAContainersEnvironment(@TempDir Path dir) throws Exception {
        Path file = key(dir, "web-token-key");
        String value = Files.readString(file).strip();
        String token = WebTokens.signer(keyed(null, value), Clock.systemUTC()).tokenFor("ana");
        assertThat(WebTokens.decoder(keyFile(file)).decode(token).getSubject()).as("the same key, given either way").isEqualTo("ana");
        assertThat(keyed(null, " ").webTokensEnabled()).isFalse();
        assertThat(keyed(null, value).webTokensEnabled()).isTrue();
    }

    private static JWTClaimsSet claims(String issuer, String audience, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("ana").issueTime(Date.from(now))
                                         .expirationTime(Date.from(now.plus(lifetime))).build();
    }
}
