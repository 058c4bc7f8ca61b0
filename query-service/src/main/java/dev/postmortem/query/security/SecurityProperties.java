package dev.postmortem.query.security;

import dev.postmortem.api.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * {@code postmortem.security.*}. {@code local}: the users listed here, HTTP Basic; a user without a password gets
 * {@code default-password}, and if that is unset too, a password generated at start-up and logged once. No password
 * is shipped. {@code jwt}: bearer tokens from the organisation's issuer ({@code spring.security.oauth2.resourceserver.jwt.*}
 * says where its keys are, which issuer and audience to accept); roles and groups come from claims.
 */
@ConfigurationProperties("postmortem.security")
public record SecurityProperties(@DefaultValue("local") Mode mode,
                                 @DefaultValue List<User> users,
                                 String defaultPassword,
                                 @DefaultValue Jwt jwt) {

    public enum Mode { LOCAL, JWT }

    /** A local user: name (the actor recorded on events), optional password, roles, groups. */
    public record User(String name, String password, @DefaultValue List<Role> roles, @DefaultValue List<String> groups) {
    }

    /**
     * Which claims name the user, their roles and their groups; {@code issuer}: the accepted {@code iss} when the keys
     * come from a JWK set URI or a public key (with {@code issuer-uri} Spring checks it already).
     */
    public record Jwt(String issuer,
                      @DefaultValue("sub") String nameClaim,
                      @DefaultValue("roles") String rolesClaim,
                      @DefaultValue("groups") String groupsClaim) {
    }
}
