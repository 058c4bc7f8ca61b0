package dev.postmortem.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wrong password costs one bcrypt check whether or not the user exists (Spring's provider checks unknown names
 * against a dummy hash), so neither the answer nor its time tells which names exist.
 */
class UnknownUserCostTest {

    final CountingBcrypt counted = new CountingBcrypt();

    @Test
    void aWrongPasswordForAnUnknownUserCostsTheSameAsForAKnownOne() {
        PasswordEncoder encoder = new CachingPasswordEncoder(counted);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(LocalUsers.of(LocalUsersTest.properties(
                List.of(LocalUsersTest.user("ana", Role.AUTHOR)), Map.of("ana", "ana-real-password"), null), encoder));
        provider.setPasswordEncoder(encoder);

        int before = counted.checks();
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("ana", "wrong-guess")))
                .isInstanceOf(BadCredentialsException.class);
        int known = counted.checks() - before;
        before = counted.checks();
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("nobody", "wrong-guess")))
                .isInstanceOf(BadCredentialsException.class).hasMessage(new BadCredentialsException("Bad credentials").getMessage());
        int unknown = counted.checks() - before;

        assertThat(known).isEqualTo(1);
        assertThat(unknown).isEqualTo(known);
    }
}
