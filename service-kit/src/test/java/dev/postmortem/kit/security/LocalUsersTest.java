package dev.postmortem.kit.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalUsersTest {

    @SuppressWarnings("deprecation")
    final PasswordEncoder plain = NoOpPasswordEncoder.getInstance();

    static SecurityProperties properties(List<SecurityProperties.User> users, Map<String, String> passwords, Path file) {
        return new SecurityProperties(SecurityProperties.Mode.LOCAL, users, passwords, file, null, null,
                new SecurityProperties.Jwt(null, "sub", "roles", "groups", Map.of(), null),
                new SecurityProperties.LoginThrottle(true, 10, 30, java.time.Duration.ofMinutes(1)));
    }

    static SecurityProperties.User user(String name, Role role) {
        return new SecurityProperties.User(name, null, List.of(role), List.of());
    }

    @Test
    void eachUserGetsItsOwnPasswordFromTheFileTheMapOrItsEntry(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("local-passwords"), "# generated\nadmin:admin-secret-0001\n\nreader:reader-secret-001\n");
        SecurityProperties.User author = new SecurityProperties.User("author", "author-secret-01", List.of(Role.AUTHOR), List.of("sre"));
        UserDetailsService users = LocalUsers.of(properties(List.of(user("admin", Role.ADMIN), user("reader", Role.READER), author,
                user("facilitator", Role.FACILITATOR)), Map.of("facilitator", "facilitator-secret"), file), plain);

        assertThat(users.loadUserByUsername("admin").getPassword()).isEqualTo("admin-secret-0001");
        assertThat(users.loadUserByUsername("reader").getPassword()).isEqualTo("reader-secret-001");
        assertThat(users.loadUserByUsername("facilitator").getPassword()).isEqualTo("facilitator-secret");
        assertThat(users.loadUserByUsername("author").getAuthorities()).extracting(Object::toString)
                                                                     .containsExactlyInAnyOrder("ROLE_AUTHOR", "GROUP_sre");
    }

    @Test
    void twoUsersWithOnePasswordRefuseTheStart() {
        assertThatThrownBy(() -> LocalUsers.of(properties(List.of(user("admin", Role.ADMIN), user("reader", Role.READER)),
                Map.of("admin", "the-same-password", "reader", "the-same-password"), null), plain))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("admin and reader have the same password")
                .hasMessageNotContaining("the-same-password");
    }

    @Test
    void aShortPasswordRefusesTheStartWithoutSayingIt() {
        assertThatThrownBy(() -> LocalUsers.of(properties(List.of(user("admin", Role.ADMIN)), Map.of("admin", "admin123"), null), plain))
                .hasMessageContaining("shorter than 12").hasMessageNotContaining("admin123");
    }

    @Test
    void aUserWithoutPasswordCannotSignInAndNoPasswordIsMadeUp() {
        UserDetailsService users = LocalUsers.of(properties(List.of(user("admin", Role.ADMIN), user("reader", Role.READER)),
                Map.of("reader", "reader-secret-001"), null), plain);
        assertThatThrownBy(() -> users.loadUserByUsername("admin")).isInstanceOf(UsernameNotFoundException.class);
        assertThat(users.loadUserByUsername("reader")).isNotNull();
    }

    @Test
    void aMalformedOrMissingPasswordsFileIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("local-passwords"), "admin:admin-secret-0001\njust-a-name\n");
        assertThatThrownBy(() -> LocalUsers.of(properties(List.of(user("admin", Role.ADMIN)), Map.of(), file), plain))
                .hasMessageContaining("line 2").hasMessageContaining("name:password").hasMessageNotContaining("admin-secret-0001");
        assertThatThrownBy(() -> LocalUsers.of(properties(List.of(user("admin", Role.ADMIN)), Map.of(), dir.resolve("absent")), plain))
                .hasMessageContaining("cannot be read");
    }
}
