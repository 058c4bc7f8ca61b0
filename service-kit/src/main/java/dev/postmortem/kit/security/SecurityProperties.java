package dev.postmortem.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code postmortem.security.*}, the same for both services.
 * <p>
 * {@code local}: the users listed here, HTTP Basic. Each has a password of its own — from {@code users[].password},
 * {@code passwords.<name>} (e.g. {@code POSTMORTEM_SECURITY_PASSWORDS_ADMIN}) or a line {@code name:password} of
 * {@code passwords-file} (what ./run.sh writes: {@code <data dir>/local-passwords}). None is shipped, none generated
 * by the service and none ever logged; a user without one cannot sign in, and two users sharing one refuse the start.
 * With {@code web-token-key-file} (or the key itself in {@code web-token-key}, for a container's environment), the
 * services also take the web UI's short-lived tokens for a local user ({@link WebTokens}).
 * <p>
 * {@code jwt}: bearer tokens from the organisation's issuer. The service refuses to start unless the issuer and the
 * audience are checked (see {@link JwtChecks}); roles come from {@code role-mapping} of the roles claim.
 */
@ConfigurationProperties("postmortem.security")
public record SecurityProperties(@DefaultValue("local") Mode mode,
                                 @DefaultValue List<User> users,
                                 @DefaultValue Map<String, String> passwords,
                                 Path passwordsFile,
                                 Path webTokenKeyFile,
                                 String webTokenKey,
                                 @DefaultValue Jwt jwt,
                                 @DefaultValue LoginThrottle loginThrottle) {

    public enum Mode { LOCAL, JWT }

    /** Whether a web token key is configured (the file or the value). */
    public boolean webTokensEnabled() {
        return webTokenKeyFile != null || webTokenKey != null && !webTokenKey.isBlank();
    }

    /**
     * A local user: name (the actor recorded on events), optional password, roles, groups, and how to reach them — an
     * e-mail address and a chat handle, both optional (the notifier reaches only people with an address).
     */
    public record User(String name, String password, @DefaultValue List<Role> roles, @DefaultValue List<String> groups,
                       String email, String chat) {

        @ConstructorBinding
        public User {
            email = email == null || email.isBlank() ? null : email.strip();
            chat = chat == null || chat.isBlank() ? null : chat.strip();
            if (email != null && !Contacts.isAddress(email)) {
                throw new IllegalArgumentException("postmortem.security.users[].email of '" + name + "' is not an e-mail address: " + email);
            }
        }

        public User(String name, String password, List<Role> roles, List<String> groups) {
            this(name, password, roles, groups, null, null);
        }
    }

    /**
     * Which claims name the user, their roles and their groups, and what the roles mean here.
     *
     * @param issuer          the {@code iss} every token must carry, when the keys come from a JWK set URI or a public
     *                        key (with {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} Spring checks it)
     * @param roleMapping     values of the roles claim and the role each grants; empty: {@link #DEFAULT_ROLE_MAPPING}.
     *                        Only these grant anything: another application's role named {@code admin} grants nothing
     * @param groupsSeparator when the groups claim is one string: what separates its groups; none by default, so that
     *                        "Security Team" is one group
     * @param emailClaim      the claim with the user's e-mail address (OpenID Connect's {@code email}); an address
     *                        whose {@code email_verified} claim is false is not used
     * @param chatClaim       the claim with the user's chat handle, if the issuer has one; none by default
     */
    public record Jwt(String issuer,
                      @DefaultValue("sub") String nameClaim,
                      @DefaultValue("roles") String rolesClaim,
                      @DefaultValue("groups") String groupsClaim,
                      @DefaultValue Map<String, Role> roleMapping,
                      String groupsSeparator,
                      @DefaultValue("email") String emailClaim,
                      String chatClaim) {

        @ConstructorBinding
        public Jwt {
        }

        public Jwt(String issuer, String nameClaim, String rolesClaim, String groupsClaim, Map<String, Role> roleMapping,
                   String groupsSeparator) {
            this(issuer, nameClaim, rolesClaim, groupsClaim, roleMapping, groupsSeparator, "email", null);
        }

        public static final Map<String, Role> DEFAULT_ROLE_MAPPING = Map.of(
                "postmortem-reader", Role.READER, "postmortem-author", Role.AUTHOR,
                "postmortem-facilitator", Role.FACILITATOR, "postmortem-admin", Role.ADMIN);

        public Map<String, Role> roles() {
            return roleMapping.isEmpty() ? DEFAULT_ROLE_MAPPING : roleMapping;
        }
    }

    /**
     * Failed sign-ins (HTTP Basic) allowed per user name and per client address within {@code per}, before further
     * attempts are refused with 429 until the bucket refills; each failure costs a bcrypt check.
     */
    public record LoginThrottle(@DefaultValue("true") boolean enabled,
                                @DefaultValue("10") int failuresPerUser,
                                @DefaultValue("30") int failuresPerAddress,
                                @DefaultValue("1m") Duration per) {
    }
}
