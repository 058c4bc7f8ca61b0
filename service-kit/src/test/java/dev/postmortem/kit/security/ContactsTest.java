package dev.postmortem.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactsTest {

    private static SecurityProperties properties(List<SecurityProperties.User> users, SecurityProperties.Jwt jwt) {
        return new SecurityProperties(SecurityProperties.Mode.LOCAL, users, Map.of(), null, null, null, jwt,
                new SecurityProperties.LoginThrottle(true, 10, 30, Duration.ofMinutes(1)));
    }

    private static SecurityProperties.Jwt claims(String chatClaim) {
        return new SecurityProperties.Jwt(null, "sub", "roles", "groups", Map.of(), null, "email", chatClaim);
    }

    private static Contacts.Contact ofToken(Map<String, Object> claims, String chatClaim) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("ana").expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(token::claim);
        SecurityProperties properties = properties(List.of(), claims(chatClaim));
        return Contacts.of(JwtChecks.toAuthentication(token.build(), properties.jwt()), properties).orElseThrow();
    }

    @Test
    void anAddressIsOneMailboxNothingAHeaderCouldBeSplitAt() {
        assertThat(List.of("ana@example.org", "ana.b+pm@mail.example.co.uk")).allMatch(Contacts::isAddress);
        assertThat(List.of("", "ana", "@example.org", "ana@", "ana@localhost", "a@b@example.org", "ana @example.org",
                "ana@example.org\r\nBcc: eve@example.org", "Ana <ana@example.org>", "ana@example.org,eve@example.org",
                "ana@example..org", "ana@example.org.", "a".repeat(250) + "@example.org")).noneMatch(Contacts::isAddress);
        assertThat(Contacts.isAddress(null)).isFalse();
    }

    @Test
    void aTokenGivesItsEmailChatAndGroupsUnlessTheEmailIsUnverified() {
        Contacts.Contact ana = ofToken(Map.of("email", "ana@example.org", "groups", List.of("sre"), "slack", "ana.b"), "slack");
        assertThat(ana).isEqualTo(new Contacts.Contact("ana", List.of("sre"), "ana@example.org", "ana.b"));
        assertThat(ofToken(Map.of("email", "ana@example.org", "email_verified", false), null).email()).isNull();
        assertThat(ofToken(Map.of("email", "ana@example.org", "email_verified", true), null).email()).isEqualTo("ana@example.org");
        assertThat(ofToken(Map.of("email", "not an address"), null).email()).isNull();
        assertThat(ofToken(Map.of("slack", "ana.b"), null).chat()).as("no chat claim configured").isNull();
    }

    @Test
    void aLocalUserIsReachedAsConfigured() {
        SecurityProperties properties = properties(List.of(new SecurityProperties.User("ben", null, List.of(Role.READER), List.of("sre"),
                " ben@example.org ", "")), claims(null));
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated("ben", null,
                List.of(new SimpleGrantedAuthority("ROLE_READER"), new SimpleGrantedAuthority("GROUP_sre")));
        assertThat(Contacts.of(signedIn, properties)).contains(new Contacts.Contact("ben", List.of("sre"), "ben@example.org", null));
        assertThat(Contacts.local("nobody", properties)).isEmpty();
        assertThatThrownBy(() -> new SecurityProperties.User("eve", null, List.of(), List.of(), "eve", null))
                .hasMessageContaining("not an e-mail address");
    }
}
