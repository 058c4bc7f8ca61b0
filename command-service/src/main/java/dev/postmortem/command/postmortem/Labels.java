package dev.postmortem.command.postmortem;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Normalisation of the short labels attached to a post-mortem: tags, affected services, owning teams. */
final class Labels {

    private Labels() {
    }

    /** Tags are compared and searched case-insensitively, so they are stored trimmed and lower-case. */
    static String normaliseTag(String tag) {
        return tag == null ? null : collapseWhitespace(tag).toLowerCase(Locale.ROOT);
    }

    /** Service and team names keep their case (they are names), only surrounding and repeated blanks go. */
    static String normaliseName(String name) {
        return name == null ? null : collapseWhitespace(name);
    }

    /** Normalised tags in first-seen order, without blanks or duplicates. */
    static Set<String> normaliseTags(Collection<String> tags) {
        return normaliseAll(tags, true);
    }

    /** Normalised names in first-seen order, without blanks or duplicates. */
    static Set<String> normaliseNames(Collection<String> names) {
        return normaliseAll(names, false);
    }

    private static Set<String> normaliseAll(Collection<String> values, boolean lowerCase) {
        Set<String> result = new LinkedHashSet<>();
        if (values == null) {
            return result;
        }
        values.stream()
              .filter(Objects::nonNull)
              .map(value -> lowerCase ? normaliseTag(value) : normaliseName(value))
              .filter(value -> !value.isEmpty())
              .forEach(result::add);
        return result;
    }

    private static String collapseWhitespace(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }
}
