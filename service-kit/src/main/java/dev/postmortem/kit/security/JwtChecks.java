package dev.postmortem.kit.security;

import org.springframework.core.env.Environment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a bearer token must show in mode {@code jwt}, and what it grants. Spring Boot checks the signature, the
 * audience ({@code spring.security.oauth2.resourceserver.jwt.audiences}), the issuer (with {@code issuer-uri}) and
 * expiry and not-before — but expiry only if the token has one, and issuer and audience only if configured. Here all
 * three are required: the service does not start without an issuer and an audience to check, and a token without
 * {@code exp} is refused (a token that never expires is a password that can never be changed).
 */
public final class JwtChecks {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String AUDIENCES = "spring.security.oauth2.resourceserver.jwt.audiences";
    /** A name longer than this is no user name: it would be the actor of every event. */
    static final int MAX_NAME_LENGTH = 200;

    private JwtChecks() {
    }

    /** Refuses to start in mode {@code jwt} unless the issuer and the audience are checked. */
    static void requireIssuerAndAudience(SecurityProperties properties, Environment environment) {
        if (properties.mode() != SecurityProperties.Mode.JWT) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (blank(properties.jwt().issuer()) && blank(environment.getProperty(ISSUER_URI))) {
            missing.add("the issuer (postmortem.security.jwt.issuer, or " + ISSUER_URI + ")");
        }
        if (blank(environment.getProperty(AUDIENCES)) && blank(environment.getProperty(AUDIENCES + "[0]"))) {
            missing.add("the audience (" + AUDIENCES + ", e.g. postmortem)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("postmortem.security.mode=jwt needs " + String.join(" and ", missing)
                    + ": without them a token for any application of the issuer, or of any issuer that shares its keys, would be "
                    + "accepted. See docs/authentication.md.");
        }
    }

    /** A token without an expiry is refused (Spring checks {@code exp} only when a token has one). */
    static OAuth2TokenValidator<Jwt> expiryRequired() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
    }

    /**
     * Who the token's bearer is: the name from {@code name-claim} (else the subject), the roles the role mapping
     * grants for the values of the roles claim (nothing for any other value), and the groups of the groups claim —
     * a list, or one string that is one group unless {@code groups-separator} is set.
     */
    public static JwtAuthenticationToken toAuthentication(Jwt token, SecurityProperties.Jwt claims) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String value : values(token.getClaims().get(claims.rolesClaim()), null)) {
            Role role = claims.roles().get(value);
            if (role != null) {
                roles.add(role);
            }
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        values(token.getClaims().get(claims.groupsClaim()), claims.groupsSeparator())
                .forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
        String name = token.getClaimAsString(claims.nameClaim());
        name = name == null || name.isBlank() ? token.getSubject() : name;
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidBearerTokenException(
                    "the token names no user (or a name over " + MAX_NAME_LENGTH + " characters) in " + claims.nameClaim());
        }
        return new JwtAuthenticationToken(token, authorities, name);
    }

    private static List<String> values(Object claim, String separator) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).map(String::valueOf).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }
        if (claim instanceof String single && !single.isBlank()) {
            return separator == null || separator.isEmpty() ? List.of(single.strip())
                    : Arrays.stream(single.split(Pattern.quote(separator))).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }
        return List.of();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
