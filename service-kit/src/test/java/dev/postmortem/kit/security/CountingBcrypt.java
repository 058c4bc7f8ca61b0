package dev.postmortem.kit.security;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.atomic.AtomicInteger;

/** Spring's default encoder (bcrypt), counting the checks it pays for: what the tests of a check's cost read. */
final class CountingBcrypt implements PasswordEncoder {

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger checks = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        checks.incrementAndGet();
        return bcrypt.matches(raw, encoded);
    }

    /** How many checks it has made so far. */
    int checks() {
        return checks.get();
    }
}
