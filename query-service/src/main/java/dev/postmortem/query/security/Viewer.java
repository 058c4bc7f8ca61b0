package dev.postmortem.query.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who is reading: a user name and groups, as the principals a restricted post-mortem names ({@code user:ana},
 * {@code group:security}). A post-mortem is visible when it names no one (open) or names one of these.
 */
public record Viewer(String name, List<String> groups) {

    public static final String USER = "user:";
    public static final String GROUP = "group:";

    /** The signed-in user of the current request; no one (sees only open post-mortems) outside a request. */
    public static Viewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Viewer(null, List.of());
        }
        List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                            .filter(authority -> authority.startsWith("GROUP_")).map(authority -> authority.substring(6)).toList();
        return new Viewer(authentication.getName(), groups);
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
}
