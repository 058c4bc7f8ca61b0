package dev.postmortem.kit.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CachingPasswordEncoderTest {

    private final CountingBcrypt bcrypt = new CountingBcrypt();
    private final CachingPasswordEncoder encoder = new CachingPasswordEncoder(bcrypt);

    @Test
    void aRightPasswordPaysBcryptOnce() {
        String stored = encoder.encode("correct horse");
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(bcrypt.checks()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverAccepted() {
        String stored = encoder.encode("correct horse");
        assertThat(encoder.matches("correct horse", stored)).isTrue();
        assertThat(encoder.matches("wrong horse", stored)).isFalse();
        assertThat(encoder.matches("wrong horse", stored)).isFalse();
        assertThat(bcrypt.checks()).isEqualTo(3);
    }

    @Test
    void aRememberedPasswordCountsOnlyForTheUserWhoseHashItMatched() {
        String ana = encoder.encode("shared words");
        String sam = encoder.encode("other words");
        assertThat(encoder.matches("shared words", ana)).isTrue();
        assertThat(encoder.matches("shared words", sam)).isFalse();
    }
}
