package dev.postmortem.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtChecksTest {

    static SecurityProperties jwt(String issuer, Map<String, Role> mapping, String separator) {
        return new SecurityProperties(SecurityProperties.Mode.JWT, List.of(), Map.of(), null, null, null,
                new SecurityProperties.Jwt(issuer, "sub", "roles", "groups", mapping, separator),
                new SecurityProperties.LoginThrottle(true, 10, 30, java.time.Duration.ofMinutes(1)));
    }

    static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("ana").expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    static List<String> authorities(SecurityProperties properties, Map<String, Object> claims) {
        return JwtChecks.toAuthentication(token(claims), properties.jwt()).getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void jwtModeRefusesToStartWithoutIssuerOrAudience() {
        assertThatThrownBy(() -> JwtChecks.requireIssuerAndAudience(jwt(null, Map.of(), null), new MockEnvironment()))
                .hasMessageContaining("the issuer").hasMessageContaining("the audience");
        assertThatThrownBy(() -> JwtChecks.requireIssuerAndAudience(jwt("https://login.example", Map.of(), null), new MockEnvironment()))
                .hasMessageContaining("the audience").hasMessageNotContaining("the issuer (");
        MockEnvironment audience = new MockEnvironment().withProperty(JwtChecks.AUDIENCES, "postmortem");
        assertThatThrownBy(() -> JwtChecks.requireIssuerAndAudience(jwt(null, Map.of(), null), audience)).hasMessageContaining("the issuer");
        assertThatCode(() -> JwtChecks.requireIssuerAndAudience(jwt(null, Map.of(), null),
                audience.withProperty(JwtChecks.ISSUER_URI, "https://login.example"))).doesNotThrowAnyException();
        assertThatCode(() -> JwtChecks.requireIssuerAndAudience(LocalUsersTest.properties(List.of(), Map.of(), null), new MockEnvironment()))
                .as("local mode needs neither").doesNotThrowAnyException();
    }

    @Test
    void onlyMappedRoleValuesGrantARole() {
        SecurityProperties defaults = jwt("i", Map.of(), null);
        assertThat(authorities(defaults, Map.of("roles", List.of("ADMIN", "admin", "postmortem-author")))).containsExactly("ROLE_AUTHOR");
        SecurityProperties mapped = jwt("i", Map.of("sre-leads", Role.FACILITATOR), null);
        assertThat(authorities(mapped, Map.of("roles", List.of("sre-leads", "postmortem-admin")))).containsExactly("ROLE_FACILITATOR");
        assertThat(authorities(defaults, Map.of("roles", "postmortem-reader"))).containsExactly("ROLE_READER");
    }

    @Test
    void aGroupsStringIsOneGroupUnlessASeparatorIsConfigured() {
        assertThat(authorities(jwt("i", Map.of(), null), Map.of("groups", "Security Team"))).containsExactly("GROUP_Security Team");
        assertThat(authorities(jwt("i", Map.of(), ","), Map.of("groups", "Security Team, sre"))).containsExactly("GROUP_Security Team", "GROUP_sre");
        assertThat(authorities(jwt("i", Map.of(), null), Map.of("groups", List.of("a b", "c")))).containsExactly("GROUP_a b", "GROUP_c");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Jwt never = Jwt.withTokenValue("t").header("alg", "RS256").subject("ana").build();
        assertThat(JwtChecks.expiryRequired().validate(never).hasErrors()).isTrue();
        assertThat(JwtChecks.expiryRequired().validate(token(Map.of())).hasErrors()).isFalse();
    }

    @Test
    void aTokenNamingNoUserOrAnAbsurdlyLongOneIsRefused() {
        assertThatThrownBy(() -> JwtChecks.toAuthentication(token(Map.of("sub", "x".repeat(201))), jwt("i", Map.of(), null).jwt()))
                .isInstanceOf(InvalidBearerTokenException.class);
    }
}
