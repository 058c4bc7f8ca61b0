package dev.postmortem.query.export;

import dev.postmortem.query.postmortem.PostMortemView;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown export against a hand-written expected document, compared section by section. */
class MarkdownExportTest {

    static final List<String> TEMPLATE_HEADINGS = List.of("Timeline", "Description", "What happened", "Additional Info",
            "Remediation", "Bug Tickets", "Short Summary", "Tags");

    @Test
    void aFullPostMortemRendersTheTemplateSectionBySection() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/export/full-postmortem.md")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String actual = MarkdownExport.render(fullPostMortem());
        Map<String, String> expectedSections = sections(expected);
        Map<String, String> actualSections = sections(actual);
        assertThat(actualSections.keySet()).as("headings, in order").containsExactlyElementsOf(expectedSections.keySet());
        expectedSections.forEach((heading, body) -> assertThat(actualSections.get(heading)).as("section '%s'", heading).isEqualTo(body));
        assertThat(actual).as("the whole document, byte for byte").isEqualTo(expected);
    }

    @Test
    void aNewPostMortemHasEveryTemplateHeadingAndNoNulls() {
        PostMortemView view = new PostMortemView();
        view.id = "pm-1";
        view.version = 0;
        view.title = "Just created";
        view.status = "DRAFT";
        view.createdBy = "ana";
        String markdown = MarkdownExport.render(view);
        assertThat(sections(markdown).keySet()).containsSubsequence(TEMPLATE_HEADINGS);
        assertThat(markdown).doesNotContain("null").startsWith("# Just created\n\n| Meeting | Value |")
                            .contains("| Additional | — |").contains("> Severity: —").endsWith("_\n");
    }

    @Test
    void theLinkedIncidentIsARowOfTheMeetingTableLinkedWhenItHasAnAddress() {
        PostMortemView view = fullPostMortem();
        assertThat(MarkdownExport.render(view)).as("no incident, no row").contains("| Facilitated by | Ben Okafor |\n\n## Timeline");
        view.incident = new PostMortemView.Incident();
        view.incident.provider = "pagerduty";
        view.incident.incidentId = "Q2LC6ZT3O8XKA1";
        view.incident.url = "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1?a=1|b";
        assertThat(MarkdownExport.render(view))
                .contains("| Facilitated by | Ben Okafor |\n| Incident | [pagerduty Q2LC6ZT3O8XKA1](<https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1?a=1%7Cb>) |\n");
        view.incident.url = null;
        assertThat(MarkdownExport.render(view)).contains("| Incident | pagerduty Q2LC6ZT3O8XKA1 |\n");
    }

    @Test
    void userTextCannotBreakTablesListsOrHeadings() {
        PostMortemView view = fullPostMortem();
        view.timeline.get(0).description = "Deploy | step 1\nstep 2";
        view.countermeasures.get(0).title = "Alert | page";
        view.summary = "# Not a heading\nSecond line\n===\n<script>alert(1)</script>";
        String markdown = MarkdownExport.render(view);
        assertThat(markdown).contains("- **2026-03-02 14:00 UTC** (action) — Deploy | step 1<br>step 2\n");
        assertThat(markdown).contains("| Alert \\| page | HIGH |");
        assertThat(sections(markdown).keySet()).doesNotContain("Not a heading", "Second line").containsSubsequence(TEMPLATE_HEADINGS);
        String html = html(markdown);
        assertThat(html).doesNotContain("<script", "<h1>Not a heading", "<h1>Second line").contains("Not a heading", "Second line");
        assertThat(html.split("<h1>", -1)).as("only the title is a first-level heading").hasSize(2);
    }

    /** Issue 16, point 8: what the export once passed through to whoever renders it. */
    @Test
    void linksOnlyToTheWebAndNoImageFetchedAndFencesClosed() {
        PostMortemView view = fullPostMortem();
        view.additionalInfo = "See [the runbook](https://wiki.example/runbook), [this](javascript:alert(document.cookie)), "
                + "[data](data:text/html;base64,PHNjcmlwdD4=), <javascript:alert(1)>, [mail](mailto:sre@example.com)\n\n"
                + "![graph](https://tracker.example/beacon.gif?user=ana) ![local](file:///etc/passwd)\n\n"
                + "[ref]\n\n[ref]: javascript:alert(2)\n\n```\nunclosed fence: everything after this was code";
        view.timeline.get(0).description = "Clicked [here](javascript:alert(3)) and ![x](https://tracker.example/t.gif)";
        view.title = "Outage [x](javascript:alert(4))";
        String markdown = MarkdownExport.render(view);
        String html = html(markdown);

        assertThat(html).as("every link goes to the web or to mail").doesNotContainPattern("(?i)(href|src)=\"(?!https?:|mailto:)")
                        .doesNotContain("<img");
        assertThat(html).as("what was a link is text").contains("Clicked [here](javascript:alert(3))", "javascript:alert(1)");
        assertThat(html).contains("<a href=\"https://wiki.example/runbook\">the runbook</a>", "<a href=\"mailto:sre@example.com\">mail</a>",
                "<a href=\"https://tracker.example/beacon.gif?user=ana\">graph</a>");
        assertThat(html).as("the links' text stays").contains("this", "data", "local");
        assertThat(sections(markdown).keySet()).as("the unclosed fence swallowed no section").containsSubsequence(TEMPLATE_HEADINGS);
        assertThat(html).contains("<h2>Remediation</h2>", "<h2>Countermeasures</h2>");
        assertThat(html(MarkdownExport.render(view, true))).as("remote images when configured")
                .contains("<img src=\"https://tracker.example/beacon.gif?user=ana\" alt=\"graph\" />").doesNotContain("file:///");
    }

    private static String html(String markdown) {
        return org.commonmark.renderer.html.HtmlRenderer.builder().build().render(org.commonmark.parser.Parser.builder().build().parse(markdown));
    }

    @Test
    void withdrawnTimelineEntriesAreLeftOut() {
        PostMortemView view = fullPostMortem();
        view.timeline.get(1).withdrawn = true;
        assertThat(sections(MarkdownExport.render(view)).get("What happened")).doesNotContain("Error-rate alert").contains("Rolled back");
    }

    @Test
    void rendersTheSameBytesEveryTime() {
        assertThat(MarkdownExport.render(fullPostMortem())).isEqualTo(MarkdownExport.render(fullPostMortem()));
    }

    /** "## heading" → the text up to the next "## " heading, trimmed; the title part is under "#". */
    static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        String[] parts = ("\n" + markdown).split("\n## ");
        sections.put("#", parts[0].strip());
        for (int i = 1; i < parts.length; i++) {
            int end = parts[i].indexOf('\n');
            sections.put(parts[i].substring(0, end).strip(), parts[i].substring(end + 1).strip());
        }
        return sections;
    }

    static PostMortemView fullPostMortem() {
        PostMortemView view = new PostMortemView();
        view.id = "7a0cde70";
        view.version = 41;
        view.title = "Checkout outage in EU";
        view.status = "PUBLISHED";
        view.createdBy = "ana";
        view.lastChangedBy = "ben";
        view.lastChangedAt = Instant.parse("2026-03-06T09:30:00Z");
        view.meeting = new PostMortemView.Meeting();
        view.meeting.meetingAt = Instant.parse("2026-03-04T15:00:00Z");
        view.meeting.contactPerson = "Ana Silva";
        view.meeting.facilitatedBy = "Ben Okafor";
        view.times.put("start", Instant.parse("2026-03-02T14:00:00Z"));
        view.times.put("detect", Instant.parse("2026-03-02T14:12:00Z"));
        view.times.put("end", Instant.parse("2026-03-02T15:10:00Z"));
        view.times.put("first-user-impact", Instant.parse("2026-03-02T14:03:00Z"));
        view.times.put("hotfix", Instant.parse("2026-03-02T14:55:00Z"));
        view.severity = "SEV2";
        view.timeline = new ArrayList<>(List.of(
                entry("e1", "2026-03-02T14:00:00Z", "Deploy of payments v2.3 started", "", "", false),
                entry("e2", "2026-03-02T14:12:00Z", "Error-rate alert fired", "On-call paged", null, false),
                entry("e3", "2026-03-02T14:20:00Z", "Restarted the pods", "No change", "", true),
                entry("e4", "2026-03-02T14:55:00Z", "Rolled back to v2.2", "Errors stopped within 2 minutes",
                        "The rollback was the fastest known-safe step", false)));
        view.stakeholders.add(stakeholder("Ana Silva", "RESPONDED", "DIAGNOSED"));
        view.stakeholders.add(stakeholder("Carla Mendes", "AFFECTED"));
        view.fiveWhys.add(why(1, "Why did checkout fail?", "Payments could not get database connections."));
        view.fiveWhys.add(why(2, "Why were there no connections?", "The pool was sized for one region."));
        view.rootCause = "The pool size was a global setting applied per region.";
        view.summary = "A pool-size change in v2.3 exhausted database connections; checkout failed for 70 minutes in two regions.";
        view.remediation = "Rollback, then a fix for the connection pool size.";
        view.additionalInfo = "Dashboard: https://grafana.example/d/checkout\nTwo of three regions were affected.";
        view.bugTickets.add(ticket("PAY-101", "https://tracker.example/PAY-101"));
        view.bugTickets.add(ticket("PAY-102", null));
        view.tags.addAll(List.of("checkout", "database"));
        view.countermeasures.add(countermeasure("Alert on pool saturation", "HIGH", "DETECTIVE", "Ben Okafor", "2026-03-20", "COMPLETED"));
        view.countermeasures.add(countermeasure("Size pools per region", "CRITICAL", "PREVENTIVE", "Ana Silva", "2026-04-01", "IN_PROGRESS"));
        view.countermeasures.add(countermeasure("Load-test each release", "MEDIUM", "PREVENTIVE", null, null, "PROPOSED"));
        return view;
    }

    static PostMortemView.TimelineEntry entry(String id, String at, String description, String effect, String perspective, boolean withdrawn) {
        PostMortemView.TimelineEntry entry = new PostMortemView.TimelineEntry();
        entry.id = id;
        entry.occurredAt = Instant.parse(at);
        entry.kind = "ACTION";
        entry.description = description;
        entry.effect = effect;
        entry.perspective = perspective;
        entry.withdrawn = withdrawn;
        return entry;
    }

    static PostMortemView.Stakeholder stakeholder(String name, String... roles) {
        PostMortemView.Stakeholder stakeholder = new PostMortemView.Stakeholder();
        stakeholder.id = name;
        stakeholder.name = name;
        stakeholder.roles = List.of(roles);
        return stakeholder;
    }

    static PostMortemView.Why why(int step, String question, String answer) {
        PostMortemView.Why why = new PostMortemView.Why();
        why.step = step;
        why.question = question;
        why.answer = answer;
        return why;
    }

    static PostMortemView.BugTicket ticket(String reference, String url) {
        PostMortemView.BugTicket ticket = new PostMortemView.BugTicket();
        ticket.reference = reference;
        ticket.url = url;
        return ticket;
    }

    static PostMortemView.Countermeasure countermeasure(String title, String priority, String type, String owner, String targetDate,
                                                        String status) {
        PostMortemView.Countermeasure countermeasure = new PostMortemView.Countermeasure();
        countermeasure.id = title;
        countermeasure.title = title;
        countermeasure.priority = priority;
        countermeasure.type = type;
        countermeasure.owner = owner;
        countermeasure.targetDate = targetDate == null ? null : LocalDate.parse(targetDate);
        countermeasure.status = status;
        return countermeasure;
    }
}
