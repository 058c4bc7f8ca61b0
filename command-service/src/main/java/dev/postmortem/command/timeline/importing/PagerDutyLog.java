package dev.postmortem.command.timeline.importing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.postmortem.api.value.TimelineEntryKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An incident's log as PagerDuty's REST API gives it ({@code GET /incidents/{id}/log_entries}: an object with a
 * {@code log_entries} array, or the array itself): each entry's {@code type}, {@code created_at}, {@code summary} and
 * {@code agent}, mapped to a timeline entry — trigger → detection, resolve → resolution step, acknowledge, assign,
 * escalate, delegate, snooze and changes of urgency or priority → action, a note ({@code annotate}, its text in
 * {@code channel.summary}) and the rest → observation. Notifications sent to responders and repeated escalations are
 * read but not suggested. Entries come out in time order; the agent (who or what acted) is the entry's perspective.
 */
final class PagerDutyLog {

    /** A log is a flat list of flat objects: anything nested deeper than this is not one. */
    static final int MAX_DEPTH = 16;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String SUFFIX = "_log_entry";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,60}_log_entry(_reference)?");
    private static final Map<String, TimelineEntryKind> KINDS = Map.ofEntries(
            Map.entry("trigger", TimelineEntryKind.DETECTION),
            Map.entry("resolve", TimelineEntryKind.RESOLUTION_STEP),
            Map.entry("acknowledge", TimelineEntryKind.ACTION),
            Map.entry("unacknowledge", TimelineEntryKind.OBSERVATION),
            Map.entry("assign", TimelineEntryKind.ACTION),
            Map.entry("escalate", TimelineEntryKind.ACTION),
            Map.entry("delegate", TimelineEntryKind.ACTION),
            Map.entry("snooze", TimelineEntryKind.ACTION),
            Map.entry("urgency_change", TimelineEntryKind.ACTION),
            Map.entry("priority_change", TimelineEntryKind.ACTION),
            Map.entry("annotate", TimelineEntryKind.OBSERVATION),
            Map.entry("link", TimelineEntryKind.OBSERVATION),
            Map.entry("notify", TimelineEntryKind.OBSERVATION),
            Map.entry("repeat_escalation_path", TimelineEntryKind.OBSERVATION),
            Map.entry("exhaust_escalation_path", TimelineEntryKind.OBSERVATION),
            Map.entry("reach_trigger_limit", TimelineEntryKind.OBSERVATION),
            Map.entry("reach_ack_limit", TimelineEntryKind.OBSERVATION));
    /** In the log, not usually in a post-mortem's timeline: offered unticked. */
    private static final List<String> NOT_SUGGESTED = List.of("notify", "repeat_escalation_path", "reach_trigger_limit", "reach_ack_limit");

    private PagerDutyLog() {
    }

    static List<ImportedEntry> parse(String text) {
        JsonNode root = tree(text);
        JsonNode list = root.isArray() ? root : root.path("log_entries");
        if (!list.isArray()) {
            throw new ImportProblem("log_entries", "not a PagerDuty log: expected {\"log_entries\": [...]} or the list itself");
        }
        if (list.size() > TimelineFiles.MAX_ENTRIES) {
            throw new ImportProblem("log_entries", list.size() + " entries: at most " + TimelineFiles.MAX_ENTRIES + " (the timeline's limit)");
        }
        List<ImportedEntry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry("log_entries[" + i + "]", list.get(i)));
        }
        entries.sort(Comparator.comparing(ImportedEntry::occurredAt));
        return entries;
    }

    private static ImportedEntry entry(String where, JsonNode entry) {
        if (!entry.isObject()) {
            throw new ImportProblem(where, "not a log entry (an object with type, created_at, summary)");
        }
        String type = text(entry, "type");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new ImportProblem(where + ".type", "not a PagerDuty log entry type (…_log_entry): " + shorten(type));
        }
        String name = type.substring(0, type.indexOf(SUFFIX));
        String createdAt = text(entry, "created_at");
        if (createdAt == null) {
            throw new ImportProblem(where + ".created_at", "missing: when it happened");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(createdAt).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportProblem(where + ".created_at", "not an ISO-8601 time with an offset: " + shorten(createdAt));
        }
        String summary = text(entry, "summary");
        String note = name.equals("annotate") ? text(entry.path("channel"), "summary") : null;
        String description = note != null ? "Note: " + note : summary;
        if (description == null || description.isBlank()) {
            description = readable(name);
        }
        String agent = text(entry.path("agent"), "summary");
        return new ImportedEntry(text(entry, "id") != null ? text(entry, "id") : where, at, KINDS.getOrDefault(name, TimelineEntryKind.OBSERVATION),
                TimelineFiles.limited(where + ".summary", description.strip(), TimelineFiles.MAX_TEXT), "",
                agent == null ? "" : TimelineFiles.limited(where + ".agent.summary", agent.strip(), TimelineFiles.MAX_PERSPECTIVE),
                name, !NOT_SUGGESTED.contains(name));
    }

    private static JsonNode tree(String text) {
        try {
            JsonMapper mapper = JSON.copy();
            mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String reason = e.getOriginalMessage();
            if (reason != null && reason.contains("nesting depth")) {
                reason = "nested deeper than a PagerDuty log is (" + MAX_DEPTH + " levels)";
            }
            throw new ImportProblem("file", "not valid JSON" + at + ": " + shorten(reason));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String readable(String name) {
        String words = name.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String shorten(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
