package dev.postmortem.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * HTTP Basic checks the password on every request, and bcrypt is slow on purpose (about 80 ms of CPU here): it
 * dominated every request's cost. This encoder remembers successful checks for a while, keyed by a SHA-256 of the
 * stored (salted) hash and the password given — never the password itself — so a client that keeps sending the
 * right password pays bcrypt once per {@link #REMEMBER}. Wrong passwords are never remembered: each pays bcrypt, and
 * the login throttle bounds how many of them anyone can make.
 */
public final class CachingPasswordEncoder implements PasswordEncoder {

    static final Duration REMEMBER = Duration.ofMinutes(10);

    private final PasswordEncoder delegate;
    private final Cache<String, Boolean> verified = Caffeine.newBuilder().expireAfterWrite(REMEMBER).maximumSize(10_000).build();

    public CachingPasswordEncoder(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = digest(encodedPassword + '\u0000' + rawPassword);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
