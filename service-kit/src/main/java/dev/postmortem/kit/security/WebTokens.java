package dev.postmortem.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * How the web UI speaks for the person signed in to it, in mode {@code local}: it checks their password once, at
 * sign-in, keeps no password, and sends each request to the services with a short-lived token it signs (HMAC-SHA256,
 * JWT) naming the person. The services trust a token signed with the key in {@code postmortem.security.web-token-key-file}
 * (32 random bytes, base64; ./run.sh generates {@code <data dir>/web-token-key}, mode 0600) and take the person's
 * roles and groups from their own local users, not from the token: the token only says who it is. A token lives
 * {@link #LIFETIME}; one that would live longer, or comes from another issuer or for another audience, is refused.
 */
public final class WebTokens {

    public static final String ISSUER = "postmortem-web-ui";
    public static final String AUDIENCE = "postmortem-api";
    public static final Duration LIFETIME = Duration.ofMinutes(2);
    static final int KEY_BYTES = 32;

    private final MACSigner signer;
    private final Clock clock;

    private WebTokens(byte[] key, Clock clock) {
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the web token key is not usable: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** Signs tokens with the configured key ({@link #key(SecurityProperties)}). */
    public static WebTokens signer(SecurityProperties properties, Clock clock) {
        return new WebTokens(key(properties), clock);
    }

    /** A token for {@code user}, valid for {@link #LIFETIME}. */
    public String tokenFor(String user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(user)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME))).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a web token", e);
        }
        return jwt.serialize();
    }

    /** Verifies tokens signed with the configured key: signature, issuer, audience, an expiry within the lifetime. */
    public static JwtDecoder decoder(SecurityProperties properties) {
        SecretKey key = new SecretKeySpec(key(properties), "HmacSHA256");
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audiences -> audiences != null && audiences.contains(AUDIENCE)),
                JwtChecks.expiryRequired(), WebTokens::shortLived)));
        return decoder;
    }

    private static OAuth2TokenValidatorResult shortLived(Jwt token) {
        Instant issued = token.getIssuedAt();
        Instant expires = token.getExpiresAt();
        if (issued == null || expires == null || Duration.between(issued, expires).compareTo(LIFETIME) > 0) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "a web token lives at most " + LIFETIME, null));
        }
        return OAuth2TokenValidatorResult.success();
    }

    /**
     * The key: {@code web-token-key} (base64) or the base64 in the file {@code web-token-key-file}; at least
     * {@link #KEY_BYTES} bytes. Neither, both, or a key that is short or not base64 refuse the start, with the reason.
     */
    static byte[] key(SecurityProperties properties) {
        boolean inline = properties.webTokenKey() != null && !properties.webTokenKey().isBlank();
        if (inline && properties.webTokenKeyFile() != null) {
            throw new IllegalStateException("set postmortem.security.web-token-key or web-token-key-file, not both");
        }
        if (inline) {
            return decode("postmortem.security.web-token-key", properties.webTokenKey());
        }
        Path file = properties.webTokenKeyFile();
        if (file == null) {
            throw new IllegalStateException("postmortem.security.web-token-key-file (or web-token-key) is not set: the web UI signs "
                    + "the services' tokens with it (./run.sh creates <data dir>/web-token-key and gives it to all three).");
        }
        try {
            return decode("postmortem.security.web-token-key-file " + file, Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("postmortem.security.web-token-key-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String source, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(source + " is not base64", notBase64);
        }
        if (key.length < KEY_BYTES) {
            throw new IllegalStateException(source + " holds " + key.length + " bytes; at least " + KEY_BYTES + " (base64) are needed");
        }
        return key;
    }
}
