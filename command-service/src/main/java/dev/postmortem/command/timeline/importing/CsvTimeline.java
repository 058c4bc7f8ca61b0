package dev.postmortem.command.timeline.importing;

import dev.postmortem.api.value.TimelineEntryKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A timeline as a spreadsheet exports it: one entry a row — time, description, and optionally kind, effect and
 * perspective — comma- or semicolon-separated, quoted as RFC 4180 has it (quotes doubled, line breaks inside quotes),
 * CRLF or LF. A first row naming the columns ({@code time,description,kind,…}, in any order) is a header; without one
 * the columns are in that order. Times are ISO-8601 ({@code 2026-11-20T10:07:00Z}, with an offset) or
 * {@code 2026-11-20 10:07[:ss]} with an optional {@code UTC} (the export's form), read as UTC. A kind is one of the
 * timeline's (any case, spaces or dashes for underscores) or a word for one: detect, action, observe, investigate,
 * resolve, impact; none is an observation. Errors name the line.
 */
final class CsvTimeline {

    static final List<String> COLUMNS = List.of("time", "description", "kind", "effect", "perspective");
    private static final Map<String, TimelineEntryKind> WORDS = Map.ofEntries(
            Map.entry("DETECT", TimelineEntryKind.DETECTION), Map.entry("DETECTED", TimelineEntryKind.DETECTION),
            Map.entry("ALERT", TimelineEntryKind.DETECTION), Map.entry("TRIGGER", TimelineEntryKind.DETECTION),
            Map.entry("OBSERVE", TimelineEntryKind.OBSERVATION), Map.entry("NOTE", TimelineEntryKind.OBSERVATION),
            Map.entry("INVESTIGATE", TimelineEntryKind.INVESTIGATION_PATH), Map.entry("INVESTIGATION", TimelineEntryKind.INVESTIGATION_PATH),
            Map.entry("RESOLVE", TimelineEntryKind.RESOLUTION_STEP), Map.entry("RESOLUTION", TimelineEntryKind.RESOLUTION_STEP),
            Map.entry("MITIGATION", TimelineEntryKind.RESOLUTION_STEP), Map.entry("FIX", TimelineEntryKind.RESOLUTION_STEP),
            Map.entry("IMPACT", TimelineEntryKind.USER_IMPACT), Map.entry("USER IMPACT", TimelineEntryKind.USER_IMPACT));

    private CsvTimeline() {
    }

    static List<ImportedEntry> parse(String text) {
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).setTrim(true).get();
        List<ImportedEntry> entries = new ArrayList<>();
        Map<String, Integer> columns = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                String line = "line " + lineOf(parser, record);
                if (columns == null) {
                    columns = header(record);
                    if (columns != null) {
                        continue;
                    }
                    columns = positional();
                }
                if (Arrays.stream(record.values()).allMatch(String::isBlank)) {
                    continue;
                }
                if (entries.size() == TimelineFiles.MAX_ENTRIES) {
                    throw new ImportProblem(line, "more than " + TimelineFiles.MAX_ENTRIES + " entries (the timeline's limit)");
                }
                entries.add(entry(line, record, columns));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports a broken quote as an IOException wrapped in one of these, with the position in its message
            throw new ImportProblem("file", "not a CSV file: " + PagerDutyLog.shorten(rootMessage(e)));
        } catch (IOException e) {
            throw new ImportProblem("file", "not a CSV file: " + PagerDutyLog.shorten(e.getMessage()));
        }
        entries.sort(Comparator.comparing(ImportedEntry::occurredAt));
        return entries;
    }

    private static ImportedEntry entry(String line, CSVRecord record, Map<String, Integer> columns) {
        String time = value(record, columns, "time");
        String description = value(record, columns, "description");
        if (time.isEmpty()) {
            throw new ImportProblem(line, "no time (the first column, or the one headed \"time\")");
        }
        if (description.isEmpty()) {
            throw new ImportProblem(line, "no description");
        }
        return new ImportedEntry(line, TimelineFiles.time(line, time), kind(line, value(record, columns, "kind")),
                TimelineFiles.limited(line, description, TimelineFiles.MAX_TEXT),
                TimelineFiles.limited(line, value(record, columns, "effect"), TimelineFiles.MAX_TEXT),
                TimelineFiles.limited(line, value(record, columns, "perspective"), TimelineFiles.MAX_PERSPECTIVE), "csv", true);
    }

    static TimelineEntryKind kind(String line, String value) {
        if (value.isEmpty()) {
            return TimelineEntryKind.OBSERVATION;
        }
        String name = value.toUpperCase(Locale.ROOT).replace('-', ' ').replace('_', ' ').strip();
        for (TimelineEntryKind kind : TimelineEntryKind.values()) {
            if (kind.name().replace('_', ' ').equals(name)) {
                return kind;
            }
        }
        TimelineEntryKind word = WORDS.get(name);
        if (word == null) {
            throw new ImportProblem(line, "the kind \"" + PagerDutyLog.shorten(value) + "\" is none of "
                    + Arrays.stream(TimelineEntryKind.values()).map(Enum::name).toList());
        }
        return word;
    }

    /** The columns by name, if this first row is a header (it names the time and description columns). */
    private static Map<String, Integer> header(CSVRecord record) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).toLowerCase(Locale.ROOT).strip();
            if (COLUMNS.contains(name)) {
                columns.putIfAbsent(name, i);
            }
        }
        return columns.containsKey("time") && columns.containsKey("description") ? columns : null;
    }

    private static Map<String, Integer> positional() {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns.put(COLUMNS.get(i), i);
        }
        return columns;
    }

    private static String value(CSVRecord record, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        // a line break inside a quoted value is kept, as \n whatever the file used
        return index == null || index >= record.size() ? "" : record.get(index).replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** Semicolons when the first line has more of them than commas (a spreadsheet in a locale with decimal commas). */
    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        return semicolons > commas ? ';' : ',';
    }

    private static long lineOf(CSVParser parser, CSVRecord record) {
        // the line the record starts on: the parser is past it, and a quoted value may span lines
        return Math.max(1, parser.getCurrentLineNumber() - (recordLines(record) - 1));
    }

    private static long recordLines(CSVRecord record) {
        return Arrays.stream(record.values()).mapToLong(v -> v.chars().filter(c -> c == '\n').count()).sum() + 1;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
