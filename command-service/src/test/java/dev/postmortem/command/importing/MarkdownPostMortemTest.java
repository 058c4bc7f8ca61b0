package dev.postmortem.command.importing;

import dev.postmortem.api.value.PostMortemDocument;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.timeline.importing.ImportProblem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Post-mortems in the guide's Markdown template: what the export writes, what people wrote by hand, and hostile files. */
class MarkdownPostMortemTest {

    private static PostMortemDocument read(String markdown) {
        return MarkdownPostMortem.read(markdown.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(byte[] file, String where, String message) {
        assertThatThrownBy(() -> MarkdownPostMortem.read(file)).isInstanceOf(ImportProblem.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((ImportProblem) e).where()).isEqualTo(where));
    }

    @Test
    void everySectionOfAnExportIsRead() throws IOException {
        byte[] exported;
        try (InputStream in = getClass().getResourceAsStream("/import/exported-postmortem.md")) {
            exported = in.readAllBytes();
        }
        PostMortemDocument pm = MarkdownPostMortem.read(exported);
        assertThat(pm.title()).isEqualTo("Checkout outage in EU");
        assertThat(pm.meetingAt()).isEqualTo(Instant.parse("2026-03-04T15:00:00Z"));
        assertThat(pm.contactPerson()).isEqualTo("Ana Silva");
        assertThat(pm.facilitatedBy()).isEqualTo("Ben Okafor");
        assertThat(pm.originalAuthor()).isEqualTo("ana");
        assertThat(pm.times()).containsEntry("start", Instant.parse("2026-03-02T14:00:00Z")).containsEntry("end", Instant.parse("2026-03-02T15:10:00Z"))
                              .containsEntry("detect", Instant.parse("2026-03-02T14:12:00Z"))
                              .containsEntry("first-user-impact", Instant.parse("2026-03-02T14:03:00Z")).containsEntry("hotfix", Instant.parse("2026-03-02T14:55:00Z"))
                              .hasSize(5);
        assertThat(pm.severity()).isEqualTo("SEV2");
        assertThat(pm.timeline()).extracting(PostMortemDocument.Entry::occurredAt, PostMortemDocument.Entry::description,
                PostMortemDocument.Entry::effect, PostMortemDocument.Entry::perspective).containsExactly(
                tuple(Instant.parse("2026-03-02T14:00:00Z"), "Deploy of payments v2.3 started", "", ""),
                tuple(Instant.parse("2026-03-02T14:12:00Z"), "Error-rate alert fired", "On-call paged", ""),
                tuple(Instant.parse("2026-03-02T14:55:00Z"), "Rolled back to v2.2", "Errors stopped within 2 minutes",
                        "The rollback was the fastest known-safe step"));
        assertThat(pm.additionalInfo()).isEqualTo("Dashboard: https://grafana.example/d/checkout\nTwo of three regions were affected.");
        assertThat(pm.remediation()).isEqualTo("Rollback, then a fix for the connection pool size.");
        assertThat(pm.bugTickets()).containsExactly(new PostMortemDocument.Ticket("PAY-101", "https://tracker.example/PAY-101"),
                new PostMortemDocument.Ticket("PAY-102", null));
        assertThat(pm.summary()).startsWith("A pool-size change in v2.3 exhausted database connections");
        assertThat(pm.tags()).containsExactly("checkout", "database");
        assertThat(pm.stakeholders()).containsExactly(new PostMortemDocument.Stakeholder("Ana Silva", List.of("RESPONDED", "DIAGNOSED")),
                new PostMortemDocument.Stakeholder("Carla Mendes", List.of("AFFECTED")));
        assertThat(pm.fiveWhys()).containsExactly(new PostMortemDocument.Why(1, "Why did checkout fail?", "Payments could not get database connections."),
                new PostMortemDocument.Why(2, "Why were there no connections?", "The pool was sized for one region."));
        assertThat(pm.rootCause()).isEqualTo("The pool size was a global setting applied per region.");
        assertThat(pm.countermeasures()).containsExactly(
                new PostMortemDocument.Countermeasure("Alert on pool saturation", "HIGH", "DETECTIVE", "Ben Okafor", LocalDate.of(2026, 3, 20), "COMPLETED"),
                new PostMortemDocument.Countermeasure("Size pools per region", "CRITICAL", "PREVENTIVE", "Ana Silva", LocalDate.of(2026, 4, 1), "IN_PROGRESS"),
                new PostMortemDocument.Countermeasure("Load-test each release", "MEDIUM", "PREVENTIVE", null, null, "PROPOSED"));
        assertThat(pm.notes()).isEmpty();
    }

    @Test
    void aHandWrittenOneWithSectionsMissingOneUnknownAndHtmlKeepsEverything() {
        PostMortemDocument pm = read("""
                # DNS resolver flapped

                ## Short Summary

                Lookups failed <b>intermittently</b> for 12 minutes.

                ## What happened

                - **2025-06-01 09:00 UTC** (detection) — Synthetic checks went red
                - **2025-06-01T09:12:30Z** — Restarted the resolver pool

                ## Lessons learned

                - Our *runbook* was out of date
                - <script>alert(1)</script>

                ## Tags

                dns, resolver
                """);
        assertThat(pm.title()).isEqualTo("DNS resolver flapped");
        assertThat(pm.summary()).isEqualTo("Lookups failed <b>intermittently</b> for 12 minutes.");
        assertThat(pm.timeline()).extracting(PostMortemDocument.Entry::occurredAt, PostMortemDocument.Entry::kind, PostMortemDocument.Entry::description)
                                 .containsExactly(tuple(Instant.parse("2025-06-01T09:00:00Z"), TimelineEntryKind.DETECTION,
                                                 "Synthetic checks went red"),
                                         tuple(Instant.parse("2025-06-01T09:12:30Z"), null, "Restarted the resolver pool"));
        assertThat(pm.additionalInfo()).as("the unknown section, kept as written")
                                       .isEqualTo("## Lessons learned\n\n- Our *runbook* was out of date\n- <script>alert(1)</script>");
        assertThat(pm.notes()).singleElement().asString().contains("Lessons learned");
        assertThat(pm.tags()).containsExactly("dns", "resolver");
        assertThat(pm.severity()).isNull();
        assertThat(pm.times()).isEmpty();
        assertThat(pm.countermeasures()).isEmpty();
        assertThat(pm.meetingAt()).isNull();
    }

    @Test
    void whatCannotBeReadIsNamed() {
        refused("Just some notes\n\n## Timeline\n".getBytes(StandardCharsets.UTF_8), "title", "no title");
        refused("# X\n\n## What happened\n\n- **yesterday** — Alert\n".getBytes(StandardCharsets.UTF_8), "What happened, entry 1", "is not 2026-11-20T10:07:00Z");
        refused("# X\n\n## What happened\n\n- Alert fired\n".getBytes(StandardCharsets.UTF_8), "What happened, entry 1", "no time");
        refused("# X\n\n## Countermeasures\n\n| Countermeasure | Target date |\n| --- | --- |\n| Alert | soon |\n".getBytes(StandardCharsets.UTF_8),
                "Countermeasures, row 1", "is not 2026-03-20");
        refused("# X\n\n| Meeting | Value |\n| --- | --- |\n| Date | Tuesday |\n".getBytes(StandardCharsets.UTF_8), "Meeting: Date", "is not");
    }

    @Test
    void hostileFilesAreRefusedBeforeParsing() {
        refused(("# X\n\n" + ">".repeat(50_000) + " deep\n").getBytes(StandardCharsets.UTF_8), "line 3", "nested deeper");
        refused(("# X\n\n" + "- ".repeat(10_000) + "deep\n").getBytes(StandardCharsets.UTF_8), "line 3", "nested deeper");
        refused("# Café fermé\n".getBytes(Charset.forName("ISO-8859-1")), "file", "not UTF-8");
        refused(new byte[]{'#', ' ', 'x', 0, 1, 2}, "file", "a binary file");
        refused(new byte[0], "file", "empty");
    }
}
