package dev.postmortem.command.timeline.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Reads an incident's log into timeline entries: PagerDuty's {@code log_entries} JSON ({@link PagerDutyLog}) or a CSV
 * of time, description and optional kind, effect and perspective ({@link CsvTimeline}). Text must be UTF-8 (a BOM is
 * allowed and dropped); a file of another encoding or a binary one is refused, naming the byte at fault, rather than
 * read as mojibake. At most {@value #MAX_ENTRIES} entries (the timeline's own limit).
 */
public final class TimelineFiles {

    public static final int MAX_ENTRIES = 500;
    /** The description and effect of a timeline entry, and its perspective, as the timeline takes them. */
    static final int MAX_TEXT = 5_000;
    static final int MAX_PERSPECTIVE = 200;

    private TimelineFiles() {
    }

    public enum Format { PAGERDUTY, CSV }

    public static List<ImportedEntry> read(Format format, byte[] file) {
        String text = utf8(file);
        List<ImportedEntry> entries = switch (format) {
            case PAGERDUTY -> PagerDutyLog.parse(text);
            case CSV -> CsvTimeline.parse(text);
        };
        if (entries.isEmpty()) {
            throw new ImportProblem("file", "no entries in it");
        }
        return entries;
    }

    /** The text of a UTF-8 file, without its BOM; refused at the first byte that is not UTF-8, or at a NUL. */
    public static String utf8(byte[] file) {
        if (file == null || file.length == 0) {
            throw new ImportProblem("file", "the file is empty");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                                       .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(file);
        String text;
        try {
            text = decoder.decode(bytes).toString();
        } catch (MalformedInputException e) {
            throw new ImportProblem("file", "not UTF-8 text at byte " + (bytes.position() + 1) + ": save the file as UTF-8");
        } catch (CharacterCodingException e) {
            throw new ImportProblem("file", "not UTF-8 text: save the file as UTF-8");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new ImportProblem("file", "a binary file, not text (a NUL character at character " + (nul + 1) + ")");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]",
            Locale.ROOT);

    /**
     * A time as people and the export write it: ISO-8601 with an offset ({@code 2026-11-20T10:07:00Z}), or
     * {@code 2026-11-20 10:07[:ss]} with an optional {@code UTC}, read as UTC.
     */
    public static Instant time(String where, String value) {
        String text = value.endsWith(" UTC") ? value.substring(0, value.length() - 4).strip() : value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(text, WRITTEN).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notWritten) {
                throw new ImportProblem(where, "the time \"" + PagerDutyLog.shorten(value)
                        + "\" is not 2026-11-20T10:07:00Z, 2026-11-20T12:07:00+02:00 or 2026-11-20 10:07 (UTC)");
            }
        }
    }

    static String limited(String where, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ImportProblem(where, "longer than the " + max + " characters a timeline entry takes");
        }
        return value;
    }
}
