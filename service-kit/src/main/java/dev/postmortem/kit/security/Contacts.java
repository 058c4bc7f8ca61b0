package dev.postmortem.kit.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;
import java.util.Optional;

/**
 * How to reach a person: the e-mail address and chat handle of a local user (from {@code postmortem.security.users})
 * or of the bearer of a token (its e-mail and chat claims), with the groups they are in — what the notifier needs to
 * reach them, and to check that they may see what it sends.
 */
public final class Contacts {

    /** RFC 5321's limit on a forward path. */
    static final int MAX_ADDRESS_LENGTH = 254;

    private Contacts() {
    }

    /** A person: name (as recorded on events), groups, and an address or handle (either may be null). */
    public record Contact(String name, List<String> groups, String email, String chat) {

        public Contact {
            groups = List.copyOf(groups);
        }

        public boolean reachable() {
            return email != null || chat != null;
        }
    }

    /**
     * An address to send to: one {@code local@domain}, no spaces, quotes, angle brackets, commas or control characters
     * (no list of addresses, no display name, nothing a mail header could be split at), a dot in the domain.
     */
    public static boolean isAddress(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ADDRESS_LENGTH) {
            return false;
        }
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 127 || "\"<>,;:()[]\\".indexOf(c) >= 0) {
                return false;
            }
        }
        String domain = value.substring(at + 1);
        return domain.indexOf('.') > 0 && !domain.endsWith(".") && !domain.contains("..");
    }

    /**
     * The signed-in person's contact: for a token, its e-mail claim (unless {@code email_verified} is false) and chat
     * claim; for a local user, what {@code postmortem.security.users} says. Empty for anyone else (no one signed in).
     */
    public static Optional<Contact> of(Authentication authentication, SecurityProperties properties) {
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            return Optional.empty();
        }
        List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                            .filter(authority -> authority.startsWith("GROUP_")).map(authority -> authority.substring(6)).toList();
        if (authentication instanceof JwtAuthenticationToken token) {
            SecurityProperties.Jwt claims = properties.jwt();
            String email = token.getToken().getClaimAsString(claims.emailClaim());
            Object verified = token.getToken().getClaims().get("email_verified");
            if (email != null && (Boolean.FALSE.equals(verified) || "false".equals(verified) || !isAddress(email.strip()))) {
                email = null;
            }
            String chat = claims.chatClaim() == null ? null : token.getToken().getClaimAsString(claims.chatClaim());
            return Optional.of(new Contact(authentication.getName(), groups, email == null ? null : email.strip(),
                    chat == null || chat.isBlank() ? null : chat.strip()));
        }
        return local(authentication.getName(), properties);
    }

    /** A local user's contact, from {@code postmortem.security.users}. */
    public static Optional<Contact> local(String name, SecurityProperties properties) {
        return properties.users().stream().filter(user -> user.name().equals(name)).findFirst()
                         .map(user -> new Contact(user.name(), user.groups(), user.email(), user.chat()));
    }
}
