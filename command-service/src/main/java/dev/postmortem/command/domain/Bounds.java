package dev.postmortem.command.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * What a post-mortem accepts by meaning, beyond the shape of a request: times in a range every store downstream can
 * hold (MongoDB and Java dates, PostgreSQL, Elasticsearch — and sane for an incident: none before 1970 or after
 * 2199), and sizes that keep its whole view a small fraction of MongoDB's 16 MB document limit.
 */
public final class Bounds {

    /** Incident times, meeting dates, timeline times: from {@link #EARLIEST} (inclusive) to {@link #LATEST} (exclusive). */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    public static final LocalDate EARLIEST_DATE = LocalDate.ofInstant(EARLIEST, ZoneOffset.UTC);
    public static final LocalDate LATEST_DATE = LocalDate.ofInstant(LATEST, ZoneOffset.UTC);

    /**
     * The text a post-mortem holds in all (every field, entry, note and name, withdrawn entries included), in UTF-8
     * bytes: 1 MiB, about 150,000 words. Its view, with the structure around the text, stays below 3 MB.
     */
    public static final long MAX_TEXT_BYTES = 1L << 20;
    /** What each entry of a list (a timeline entry, a tag, a revisit) adds to the view besides its text. */
    public static final int ENTRY_BYTES = 64;
    /** Changes one post-mortem takes (its events); history, "as of" and diff fold at most this many. */
    public static final int MAX_EVENTS = 10_000;
    /** Revisits of one completed countermeasure. */
    public static final int MAX_REVISITS = 50;

    private Bounds() {
    }

    public static Instant instant(String field, Instant value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.isBefore(EARLIEST) || !value.isBefore(LATEST)) {
            throw new InvalidValueException(field, "must be from " + EARLIEST + " up to (not including) " + LATEST + "; was " + value);
        }
        return value;
    }

    public static LocalDate date(String field, LocalDate value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.isBefore(EARLIEST_DATE) || !value.isBefore(LATEST_DATE)) {
            throw new InvalidValueException(field, "must be from " + EARLIEST_DATE + " up to (not including) " + LATEST_DATE
                    + "; was " + value);
        }
        return value;
    }

    /** The size of a text in UTF-8; 0 for null. */
    public static long bytes(String text) {
        return Utf8.length(text);
    }

    public static long bytes(Collection<String> texts) {
        long bytes = 0;
        for (String text : texts) {
            bytes += ENTRY_BYTES + bytes(text);
        }
        return bytes;
    }
}
