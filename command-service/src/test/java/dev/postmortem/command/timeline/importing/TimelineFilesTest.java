package dev.postmortem.command.timeline.importing;

import dev.postmortem.api.value.TimelineEntryKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.postmortem.command.timeline.importing.TimelineFiles.Format.CSV;
import static dev.postmortem.command.timeline.importing.TimelineFiles.Format.PAGERDUTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class TimelineFilesTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TimelineFilesTest.class.getResourceAsStream("/import/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(TimelineFiles.Format format, byte[] file, String where, String message) {
        assertThatThrownBy(() -> TimelineFiles.read(format, file)).isInstanceOf(ImportProblem.class)
                .hasMessageContaining(message).satisfies(e -> assertThat(((ImportProblem) e).where()).isEqualTo(where));
    }

    @Nested
    class PagerDuty {

        @Test
        void everyEntryTypeOfTheDocumentedLogBecomesAnEntryInTimeOrder() throws IOException {
            List<ImportedEntry> entries = TimelineFiles.read(PAGERDUTY, resource("pagerduty-log-entries.json"));
            assertThat(entries).hasSize(15);
            assertThat(entries).extracting(ImportedEntry::occurredAt).isSorted();
            assertThat(entries.get(0)).extracting(ImportedEntry::sourceType, ImportedEntry::kind, ImportedEntry::description, ImportedEntry::perspective,
                    ImportedEntry::ref).containsExactly("trigger", TimelineEntryKind.DETECTION, "Triggered through the API.", "Checkout API", "R00KXVUVQ7ZB8N00");
            assertThat(entries).filteredOn(e -> e.sourceType().equals("resolve")).singleElement()
                               .extracting(ImportedEntry::kind).isEqualTo(TimelineEntryKind.RESOLUTION_STEP);
            ImportedEntry note = entries.stream().filter(e -> e.sourceType().equals("annotate")).findFirst().orElseThrow();
            assertThat(note.description()).as("the note's own text").isEqualTo("Note: Pool at 100 %; restarting the workers did not help.");
            assertThat(note.occurredAt()).as("an offset is honoured").isEqualTo(Instant.parse("2026-11-20T10:11:30Z"));
            assertThat(entries).extracting(ImportedEntry::sourceType, ImportedEntry::kind).contains(
                    tuple("acknowledge", TimelineEntryKind.ACTION), tuple("escalate", TimelineEntryKind.ACTION),
                    tuple("assign", TimelineEntryKind.ACTION), tuple("delegate", TimelineEntryKind.ACTION),
                    tuple("snooze", TimelineEntryKind.ACTION), tuple("urgency_change", TimelineEntryKind.ACTION),
                    tuple("unacknowledge", TimelineEntryKind.OBSERVATION), tuple("exhaust_escalation_path", TimelineEntryKind.OBSERVATION));
            assertThat(entries).filteredOn(e -> !e.suggested()).extracting(ImportedEntry::sourceType)
                               .containsExactlyInAnyOrder("notify", "repeat_escalation_path", "reach_ack_limit", "reach_trigger_limit");
        }

        @Test
        void theBareListIsReadTooAndAnUnknownTypeIsAnObservation() {
            List<ImportedEntry> entries = TimelineFiles.read(PAGERDUTY, utf8("[{\"type\":\"future_thing_log_entry\",\"created_at\":\"2026-11-20T10:00:00Z\"}]"));
            assertThat(entries).singleElement().extracting(ImportedEntry::kind, ImportedEntry::description, ImportedEntry::ref)
                               .containsExactly(TimelineEntryKind.OBSERVATION, "Future thing", "log_entries[0]");
        }

        @Test
        void aBadEntryIsNamedAndNothingOfTheFileIsRead() {
            refused(PAGERDUTY, utf8("{\"log_entries\":[{\"type\":\"trigger_log_entry\",\"created_at\":\"2026-11-20T10:00:00Z\"},"
                    + "{\"type\":\"resolve_log_entry\",\"created_at\":\"yesterday\"}]}"), "log_entries[1].created_at", "ISO-8601");
            refused(PAGERDUTY, utf8("{\"log_entries\":[{\"type\":\"resolve_log_entry\"}]}"), "log_entries[0].created_at", "missing");
            refused(PAGERDUTY, utf8("{\"log_entries\":[{\"type\":\"incident\",\"created_at\":\"2026-11-20T10:00:00Z\"}]}"),
                    "log_entries[0].type", "not a PagerDuty log entry type");
            refused(PAGERDUTY, utf8("{\"log_entries\":[42]}"), "log_entries[0]", "not a log entry");
            refused(PAGERDUTY, utf8("{\"incidents\":[]}"), "log_entries", "not a PagerDuty log");
            refused(PAGERDUTY, utf8("{\"log_entries\":[]}"), "file", "no entries");
            refused(PAGERDUTY, utf8("{\"log_entries\":[{\"type\":\"x\" \"created_at\"}]}"), "file", "not valid JSON at line 1");
            refused(PAGERDUTY, utf8("{\"log_entries\":[], \"log_entries\":[]}"), "file", "Duplicate field");
        }

        @Test
        void hostileFilesAreRefusedCheaply() {
            refused(PAGERDUTY, utf8("[".repeat(100_000)), "file", "nested deeper");
            StringBuilder many = new StringBuilder("[");
            for (int i = 0; i < 501; i++) {
                many.append(i == 0 ? "" : ",").append("{\"type\":\"notify_log_entry\",\"created_at\":\"2026-11-20T10:00:00Z\"}");
            }
            refused(PAGERDUTY, utf8(many + "]"), "log_entries", "at most 500");
            refused(PAGERDUTY, utf8("{\"log_entries\":[{\"type\":\"trigger_log_entry\",\"created_at\":\"2026-11-20T10:00:00Z\",\"summary\":\""
                    + "x".repeat(5_001) + "\"}]}"), "log_entries[0].summary", "5000 characters");
        }
    }

    @Nested
    class Csv {

        @Test
        void aHeaderNamesTheColumnsInAnyOrderAndQuotingBomAndCrlfAreRead() {
            String csv = "\uFEFFkind,time,description,perspective,effect\r\n"
                    + "detection,2026-11-20T10:07:00Z,\"Alert fired: \"\"checkout 5xx\"\"\",Ana,\r\n"
                    + "resolve,2026-11-20 10:45 UTC,\"Rolled back v42,\r\nthen warmed the cache\",Ben,Errors stopped\r\n"
                    + "\r\n"
                    + ",2026-11-20T12:20:00+02:00,Support saw the first tickets,,\r\n";
            List<ImportedEntry> entries = TimelineFiles.read(CSV, utf8(csv));
            assertThat(entries).extracting(ImportedEntry::occurredAt, ImportedEntry::kind, ImportedEntry::description, ImportedEntry::effect,
                    ImportedEntry::perspective, ImportedEntry::ref).containsExactly(
                    tuple(Instant.parse("2026-11-20T10:07:00Z"), TimelineEntryKind.DETECTION, "Alert fired: \"checkout 5xx\"", "", "Ana", "line 2"),
                    tuple(Instant.parse("2026-11-20T10:20:00Z"), TimelineEntryKind.OBSERVATION, "Support saw the first tickets", "", "", "line 6"),
                    tuple(Instant.parse("2026-11-20T10:45:00Z"), TimelineEntryKind.RESOLUTION_STEP, "Rolled back v42,\nthen warmed the cache",
                            "Errors stopped", "Ben", "line 3"));
        }

        @Test
        void withoutAHeaderTheColumnsAreTimeDescriptionKindEffectPerspective() {
            List<ImportedEntry> entries = TimelineFiles.read(CSV, utf8("2026-11-20 10:07:33,Alert fired,USER-IMPACT,Checkout down,on-call\n"
                    + "2026-11-20T10:09:00Z,x\n"));
            assertThat(entries.get(0)).extracting(ImportedEntry::occurredAt, ImportedEntry::kind, ImportedEntry::effect, ImportedEntry::perspective)
                                      .containsExactly(Instant.parse("2026-11-20T10:07:33Z"), TimelineEntryKind.USER_IMPACT, "Checkout down", "on-call");
        }

        @Test
        void semicolonsAsASpreadsheetWithDecimalCommasWritesThem() {
            List<ImportedEntry> entries = TimelineFiles.read(CSV, utf8("time;description;effect\n2026-11-20T10:07:00Z;Latency 2,5 s;Slow\n"));
            assertThat(entries).singleElement().extracting(ImportedEntry::description, ImportedEntry::effect).containsExactly("Latency 2,5 s", "Slow");
        }

        @Test
        void aBadRowIsNamedByItsLine() {
            refused(CSV, utf8("time,description\n2026-11-20T10:07:00Z,ok\nlater,Rolled back\n"), "line 3", "is not 2026-11-20T10:07:00Z");
            refused(CSV, utf8("time,description,kind\n2026-11-20T10:07:00Z,ok,GUESS\n"), "line 2", "none of [ACTION");
            refused(CSV, utf8("time,description\n2026-11-20T10:07:00Z,\n"), "line 2", "no description");
            refused(CSV, utf8("time,description\n,Alert\n"), "line 2", "no time");
            refused(CSV, utf8("time,description\n2026-11-20T10:07:00Z,\"unclosed\n"), "file", "not a CSV file");
            refused(CSV, utf8("time,description\n"), "file", "no entries");
        }

        @Test
        void hostileFilesAreRefusedWithAReason() {
            refused(CSV, "time,description\n2026-11-20T10:07:00Z,Caf\u00e9 fermé\n".getBytes(Charset.forName("ISO-8859-1")), "file",
                    "not UTF-8 text at byte 42");
            refused(CSV, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d}, "file", "not UTF-8");
            refused(CSV, utf8("time,description\n2026-11-20T10:07:00Z,a\0b\n"), "file", "a binary file");
            refused(CSV, new byte[0], "file", "empty");
            StringBuilder many = new StringBuilder("time,description\n");
            for (int i = 0; i < 501; i++) {
                many.append("2026-11-20T10:07:00Z,entry ").append(i).append('\n');
            }
            refused(CSV, utf8(many.toString()), "line 502", "more than 500");
        }
    }
}
