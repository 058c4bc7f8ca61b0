package dev.postmortem.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CachingPasswordEncoderTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final CachingPasswordEncoder encoder = new CachingPasswordEncoder(new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    });

    @Test
    void aRightPasswordPaysBcryptOnce() {
        String stored = encoder.encode("correct horse");
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverAccepted() {
        String stored = encoder.encode("correct horse");
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(encoder.matches("wrong horse", stored)).isFalse();
        assertThat(encoder.matches("wrong horse", stored)).isFalse();
        assertThat(checks).hasValue(3);
    }

    @Test
    void aRememberedPasswordCountsOnlyForTheUserWhoseHashItMatched() {
        String ana = encoder.encode("shared words");
        String sam = encoder.encode("other words");
        assertThat(encoder.matches("shared words", ana)).isTrue();
        assertThat(encoder.matches("shared words", sam)).isFalse();
    }
}
