package dev.postmortem.kit.security;

import java.util.Arrays;
import java.util.List;

/**
 * What a user may do, each role including the ones below it: a reader views, searches and reads KPIs; an author
 * also writes post-mortems; a facilitator also publishes them and manages countermeasures; an admin also rebuilds
 * and configures. Both services and the organisation's identity provider (the {@code roles} claim) use these names.
 */
public enum Role {
    READER, AUTHOR, FACILITATOR, ADMIN;

    /** This role and every role it includes. */
    public List<Role> included() {
        return Arrays.stream(values()).filter(role -> role.ordinal() <= ordinal()).toList();
    }

    /** For Spring Security's role hierarchy: {@code ROLE_ADMIN > ROLE_FACILITATOR} and so on, one line each. */
    public static String hierarchy() {
        StringBuilder hierarchy = new StringBuilder();
        for (int i = values().length - 1; i > 0; i--) {
            hierarchy.append("ROLE_").append(values()[i]).append(" > ROLE_").append(values()[i - 1]).append('\n');
        }
        return hierarchy.toString();
    }
}
