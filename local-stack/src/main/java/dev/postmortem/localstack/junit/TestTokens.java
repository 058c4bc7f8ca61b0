package dev.postmortem.localstack.junit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the organisation's identity provider in tests: an RSA key generated per run, its public key as a
 * PEM file for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, and signed tokens with the
 * claims a real issuer sends (sub, iss, aud, exp, roles, groups).
 */
public final class TestTokens {

    public static final String ISSUER = "https://login.example.test/realms/engineering";
    public static final String AUDIENCE = "postmortem";

    private final RSAKey key;

    public TestTokens() {
        try {
            this.key = new RSAKeyGenerator(2048).keyID("test-" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for {@code subject} with these roles, valid for five more minutes, from the expected issuer and audience. */
    public String token(String subject, List<String> roles) {
        return token(subject, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), roles, List.of());
    }

    public String token(String subject, String issuer, String audience, Instant expiry, List<String> roles, List<String> groups) {
        return token(subject, issuer, audience, expiry, roles, (Object) groups);
    }

    /**
     * Any claims a real issuer might send: {@code expiry} null for a token that never expires, {@code groups} a list or
     * one string.
     */
    public String token(String subject, String issuer, String audience, Instant expiry, List<String> roles, Object groups) {
        return token(subject, issuer, audience, expiry, roles, groups, Map.of());
    }

    /** A valid token for {@code subject} with these roles and groups and further claims (e.g. {@code email}). */
    public String token(String subject, List<String> roles, List<String> groups, Map<String, Object> claims) {
        return token(subject, ISSUER, AUDIENCE, Instant.now().plusSeconds(300), roles, groups, claims);
    }

    private String token(String subject, String issuer, String audience, Instant expiry, List<String> roles, Object groups,
                         Map<String, Object> extraClaims) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                                                                     .issueTime(Date.from(Instant.now().minusSeconds(60)))
                                                                     .claim("roles", roles).claim("groups", groups);
            extraClaims.forEach(builder::claim);
            if (expiry != null) {
                builder.expirationTime(Date.from(expiry));
            }
            JWTClaimsSet claims = builder.build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Spring properties that put a service into JWT mode trusting this key, {@link #ISSUER} and {@link #AUDIENCE}
     * (for a test's {@code @DynamicPropertySource}).
     */
    public Map<String, String> jwtModeProperties() {
        return Map.of("postmortem.security.mode", "jwt",
                "spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + publicKeyFile(),
                "postmortem.security.jwt.issuer", ISSUER,
                "spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
    }

    /** The public key as a PEM file (deleted when the JVM exits). */
    public Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("issuer-public-key", ".pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
