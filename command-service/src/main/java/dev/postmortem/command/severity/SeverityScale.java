package dev.postmortem.command.severity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The organisation's severity levels, most severe first, with what each means. Configured under
 * {@code postmortem.severity.levels}; the default is SEV1–SEV5.
 */
public record SeverityScale(List<Level> levels) {

    public SeverityScale {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("the severity scale needs at least one level");
        }
        long distinct = levels.stream().map(level -> level.name().toUpperCase(Locale.ROOT)).distinct().count();
        if (distinct != levels.size()) {
            throw new IllegalArgumentException("severity level names must be unique (case-insensitively): " + levels);
        }
        levels = List.copyOf(levels);
    }

    /** The configured spelling of a level, matched case-insensitively. */
    public Optional<String> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return levels.stream().map(Level::name).filter(level -> level.equalsIgnoreCase(wanted)).findFirst();
    }

    public String names() {
        return levels.stream().map(Level::name).collect(Collectors.joining(", "));
    }

    /** One level: its name (e.g. SEV2) and its definition, for people choosing a level. */
    public record Level(String name, String definition) {

        public Level {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a severity level needs a name");
            }
            name = name.strip();
            definition = definition == null ? "" : definition.strip();
        }
    }
}
