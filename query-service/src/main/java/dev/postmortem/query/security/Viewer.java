package dev.postmortem.query.security;

import dev.postmortem.kit.security.Role;
import dev.postmortem.query.failclosed.Stuck;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who is reading: a user name and groups, as the principals a restricted post-mortem names ({@code user:ana},
 * {@code group:security}), and whether they are an admin. A post-mortem is visible when it names no one (open) or names
 * one of these — and, while its projection is stuck (see {@link dev.postmortem.query.failclosed.Quarantine}), only to
 * admins.
 */
public record Viewer(String name, List<String> groups, boolean admin) {

    public static final String USER = "user:";
    public static final String GROUP = "group:";
    private static final String ADMIN_AUTHORITY = "ROLE_" + Role.ADMIN.name();

    /** The signed-in user of the current request; no one (sees only open post-mortems) outside a request. */
    public static Viewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Viewer(null, List.of(), false);
        }
        List<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        List<String> groups = authorities.stream().filter(authority -> authority.startsWith("GROUP_"))
                                         .map(authority -> authority.substring(6)).toList();
        return new Viewer(authentication.getName(), groups, authorities.contains(ADMIN_AUTHORITY));
    }

    /** The principals a restriction names, as stored with every document of a restricted post-mortem. */
    public static List<String> principals(Collection<String> people, Collection<String> groups) {
        List<String> principals = new ArrayList<>();
        people.forEach(person -> principals.add(USER + person));
        groups.forEach(group -> principals.add(GROUP + group));
        return principals;
    }

    public List<String> principals() {
        return principals(name == null ? List.of() : List.of(name), groups);
    }

    /** {@code visibleTo} null or empty: open to every reader. */
    public boolean maySee(Collection<String> visibleTo) {
        return visibleTo == null || visibleTo.isEmpty() || principals().stream().anyMatch(visibleTo::contains);
    }

    /** As {@link #maySee(Collection)}, and a stuck post-mortem only for admins. */
    public boolean maySee(Collection<String> visibleTo, Stuck stuck) {
        return (stuck == null || admin) && maySee(visibleTo);
    }
}
