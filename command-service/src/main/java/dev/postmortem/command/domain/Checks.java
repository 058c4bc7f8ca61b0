package dev.postmortem.command.domain;

import org.axonframework.modelling.command.AggregateLifecycle;

/** The checks every part of a post-mortem makes of a command's values, and the version each handler answers with. */
public final class Checks {

    private Checks() {
    }

    /** The post-mortem's version after the command so far: what every handler returns, and the API hands out as ETag. */
    public static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    public static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        return value.strip();
    }

    public static <T> T requiredValue(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String optional(String value) {
        return value == null ? "" : value.strip();
    }

    /** Caps keep one post-mortem readable and its event stream bounded. */
    public static void requireRoom(String field, int current, int max) {
        if (current >= max) {
            throw new InvalidValueException(field, "a post-mortem has at most " + max + " of these; it has " + current);
        }
    }
}
