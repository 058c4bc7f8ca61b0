package dev.postmortem.kit.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The local users (mode {@code local}), each with a password of their own. Refuses to start rather than run with a
 * weak set-up: two users sharing a password (whoever can read could then administer), a password shorter than
 * {@value #MIN_LENGTH} characters, an unreadable passwords file. A user given no password is left out (it cannot sign
 * in; a failed sign-in as it costs the same as for any unknown name). Passwords are never logged.
 */
public final class LocalUsers {

    public static final int MIN_LENGTH = 12;
    private static final Logger log = LoggerFactory.getLogger(LocalUsers.class);

    private LocalUsers() {
    }

    public static UserDetailsService of(SecurityProperties properties, PasswordEncoder encoder) {
        Map<String, String> fromFile = properties.passwordsFile() == null ? Map.of() : read(properties.passwordsFile());
        Map<String, List<String>> usersByPassword = new LinkedHashMap<>();
        List<UserDetails> users = new ArrayList<>();
        for (SecurityProperties.User user : properties.users()) {
            String password = firstSet(user.password(), properties.passwords().get(user.name()), fromFile.get(user.name()));
            if (password == null) {
                log.warn("Local user '{}' has no password and cannot sign in: set postmortem.security.users[].password, "
                        + "postmortem.security.passwords.{} or a line in postmortem.security.passwords-file", user.name(), user.name());
                continue;
            }
            String stored = password;
            if (!password.startsWith("{")) {
                if (password.length() < MIN_LENGTH) {
                    throw new IllegalStateException("The password of local user '" + user.name() + "' is shorter than " + MIN_LENGTH
                            + " characters; choose a longer one (./run.sh generates 24).");
                }
                usersByPassword.computeIfAbsent(password, key -> new ArrayList<>()).add(user.name());
                stored = encoder.encode(password);
            }
            users.add(User.withUsername(user.name()).password(stored).authorities(authorities(user)).build());
        }
        List<String> shared = usersByPassword.values().stream().filter(names -> names.size() > 1)
                                             .map(names -> String.join(" and ", names)).toList();
        if (!shared.isEmpty()) {
            throw new IllegalStateException("Local users " + String.join("; ", shared) + " have the same password: every user needs "
                    + "one of their own, or whoever may read could sign in with the roles of the other.");
        }
        return new InMemoryUserDetailsManager(users);
    }

    static Collection<GrantedAuthority> authorities(SecurityProperties.User user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        user.groups().forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
        return authorities;
    }

    /** {@code name:password} a line; blank lines and lines starting with {@code #} are ignored. */
    static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("postmortem.security.passwords-file " + file + " cannot be read: " + e.getMessage(), e);
        }
        warnIfOthersMayRead(file);
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalStateException("postmortem.security.passwords-file " + file + ", line " + (i + 1)
                        + ": expected name:password");
            }
            if (passwords.put(line.substring(0, colon), line.substring(colon + 1)) != null) {
                throw new IllegalStateException("postmortem.security.passwords-file " + file + ", line " + (i + 1) + ": user '"
                        + line.substring(0, colon) + "' is named twice");
            }
        }
        return passwords;
    }

    private static void warnIfOthersMayRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            Set<String> open = new TreeSet<>(permissions.stream().filter(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))
                                                        .map(Enum::name).collect(Collectors.toSet()));
            if (!open.isEmpty()) {
                log.warn("postmortem.security.passwords-file {} may be read by others ({}): chmod 600 it", file, open);
            }
        } catch (UnsupportedOperationException | IOException notPosix) {
            // nothing to check on this file system
        }
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
