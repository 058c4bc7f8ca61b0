package dev.postmortem.command.domain;

import org.axonframework.modelling.command.AggregateLifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * A list of people's or groups' names: each required and at most {@code maxLength} characters, at most
     * {@code maxEntries} of them, stripped, repeats dropped (first spelling kept, in order). None for null.
     */
    public static List<String> names(String field, List<String> values, int maxEntries, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxEntries) {
            throw new InvalidValueException(field, "at most " + maxEntries + " entries");
        }
        List<String> names = new ArrayList<>();
        for (String value : values) {
            String name = required(field, value);
            if (name.length() > maxLength) {
                throw new InvalidValueException(field, "each entry at most " + maxLength + " characters");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The id of a part about to be added (a timeline entry, stakeholder, countermeasure, review comment): not blank, not
     * one already there ({@code taken}: "the timeline already has an entry", followed by the id), and room for one more
     * in {@code list} (see {@link #requireRoom}).
     */
    public static void requireNewPart(String idField, String id, Map<String, ?> parts, String taken, String list, int max) {
        requireId(idField, id);
        if (parts.containsKey(id)) {
            throw new StateConflictException(idField, taken + " " + id);
        }
        requireRoom(list, parts.size(), max);
    }

    /** Caps keep one post-mortem readable and its event stream bounded. */
    public static void requireRoom(String field, int current, int max) {
        if (current >= max) {
            throw new InvalidValueException(field, "a post-mortem has at most " + max + " of these; it has " + current);
        }
    }
}
