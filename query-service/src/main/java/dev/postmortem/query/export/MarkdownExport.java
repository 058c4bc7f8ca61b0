package dev.postmortem.query.export;

import dev.postmortem.query.postmortem.PostMortemView;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A post-mortem as the Markdown document people know from the practice guide's template: the same headings in the
 * same order (title, meeting table, timeline table, description with severity, what happened, additional info,
 * remediation, bug tickets, short summary, tags), then what the template leaves implicit: stakeholders, the 5 whys
 * with the root cause, and the countermeasures. Deterministic (the same view gives the same bytes); times in UTC;
 * a missing value is an em dash. User text can neither break a table nor open a heading of its own, raw HTML in it is
 * shown, not rendered, and it carries no link but to http(s) and mailto and fetches no image ({@link FreeText}).
 */
public final class MarkdownExport {

    static final String NONE = "—";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                                                                   .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
                                                                      .withZone(ZoneOffset.UTC);
    private static final List<String> STANDARD_TIMES = List.of("start", "end", "detect");

    private MarkdownExport() {
    }

    public static String render(PostMortemView view) {
        return render(view, false);
    }

    /** @param remoteImages whether images from http(s) URLs in free text stay images (else they become links to them) */
    public static String render(PostMortemView view, boolean remoteImages) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(view.title)).append("\n\n");

        PostMortemView.Meeting meeting = view.meeting;
        List<List<String>> meetingRows = new ArrayList<>(List.of(
                List.of("Date", meeting == null ? NONE : time(meeting.meetingAt)),
                List.of("Contact", meeting == null ? NONE : cell(meeting.contactPerson)),
                List.of("Created by", cell(view.createdBy)),
                List.of("Facilitated by", meeting == null ? NONE : cell(meeting.facilitatedBy))));
        if (view.incident != null) {
            // The incident in the paging tool: "pagerduty Q2LC6ZT3O8XKA1", linked when the tool has an address for it.
            String incident = cell(view.incident.provider + " " + view.incident.incidentId);
            meetingRows.add(List.of("Incident", present(view.incident.url)
                    ? "[" + incident + "](<" + view.incident.url.replace(">", "%3E").replace("|", "%7C") + ">)" : incident));
        }
        table(md, "Meeting", "Value", meetingRows);

        md.append("## Timeline\n\n");
        List<List<String>> times = new ArrayList<>(List.of(
                List.of("Start Time", time(view.times.get("start"))),
                List.of("End Time", time(view.times.get("end"))),
                List.of("Detect Time", time(view.times.get("detect")))));
        for (Map.Entry<String, Instant> additional : view.times.entrySet()) {
            if (!STANDARD_TIMES.contains(additional.getKey())) {
                times.add(List.of(readable(additional.getKey()), time(additional.getValue())));
            }
        }
        if (times.size() == 3) {
            times.add(List.of("Additional", NONE));
        }
        table(md, "Incident", "Value", times);

        md.append("## Description\n\n> Severity: ").append(view.severity == null ? NONE : inline(view.severity)).append("\n\n");

        md.append("## What happened\n\n");
        List<PostMortemView.TimelineEntry> entries = view.timeline.stream().filter(entry -> !entry.withdrawn).toList();
        if (entries.isEmpty()) {
            md.append(NONE).append("\n\n");
        } else {
            for (PostMortemView.TimelineEntry entry : entries) {
                md.append("- **").append(time(entry.occurredAt)).append("** (").append(entry.kind.toLowerCase(Locale.ROOT).replace('_', ' '))
                  .append(") — ").append(inline(entry.description));
                if (present(entry.effect)) {
                    md.append(" _Effect:_ ").append(inline(entry.effect));
                }
                if (present(entry.perspective)) {
                    md.append(" _Perspective:_ ").append(inline(entry.perspective));
                }
                md.append('\n');
            }
            md.append('\n');
        }

        section(md, "Additional Info", view.additionalInfo, remoteImages);
        section(md, "Remediation", view.remediation, remoteImages);

        md.append("## Bug Tickets\n\n");
        if (view.bugTickets.isEmpty()) {
            md.append(NONE).append("\n\n");
        } else {
            for (PostMortemView.BugTicket ticket : view.bugTickets) {
                md.append("- ").append(present(ticket.url) ? "[" + inline(ticket.reference) + "](<" + ticket.url.replace(">", "%3E") + ">)"
                        : inline(ticket.reference)).append('\n');
            }
            md.append('\n');
        }

        section(md, "Short Summary", view.summary, remoteImages);

        md.append("## Tags\n\n").append(view.tags.isEmpty() ? NONE
                : view.tags.stream().map(tag -> "`" + tag.replace("`", "'") + "`").collect(Collectors.joining(", "))).append("\n\n");

        md.append("## Stakeholders\n\n");
        if (view.stakeholders.isEmpty()) {
            md.append(NONE).append("\n\n");
        } else {
            for (PostMortemView.Stakeholder stakeholder : view.stakeholders) {
                md.append("- ").append(inline(stakeholder.name)).append(" — ")
                  .append(stakeholder.roles.stream().map(role -> role.toLowerCase(Locale.ROOT).replace('_', ' '))
                                           .collect(Collectors.joining(", "))).append('\n');
            }
            md.append('\n');
        }

        md.append("## 5 Whys\n\n");
        if (view.fiveWhys.isEmpty()) {
            md.append(NONE).append("\n\n");
        } else {
            for (PostMortemView.Why why : view.fiveWhys) {
                md.append(why.step).append(". **").append(inline(why.question)).append("** ").append(inline(why.answer)).append('\n');
            }
            md.append('\n');
        }
        section(md, "Root Cause", view.rootCause, remoteImages);

        md.append("## Countermeasures\n\n");
        if (view.countermeasures.isEmpty()) {
            md.append(NONE).append("\n\n");
        } else {
            md.append("| Countermeasure | Priority | Type | Owner | Target date | Status |\n");
            md.append("| --- | --- | --- | --- | --- | --- |\n");
            for (PostMortemView.Countermeasure c : view.countermeasures) {
                // priority, type and status are the API's names (IN_PROGRESS), not text anyone wrote: as they are
                md.append("| ").append(cell(c.title)).append(" | ").append(name(c.priority)).append(" | ").append(name(c.type))
                  .append(" | ").append(cell(c.owner)).append(" | ").append(c.targetDate == null ? NONE : c.targetDate.toString())
                  .append(" | ").append(name(c.status)).append(" |\n");
            }
            md.append('\n');
        }

        md.append("---\n\n_").append(cell(view.status)).append(" · version ").append(view.version)
          .append(" · last changed ").append(time(view.lastChangedAt)).append(" by ").append(cell(view.lastChangedBy)).append("_\n");
        return md.toString();
    }

    private static void table(StringBuilder md, String left, String right, List<List<String>> rows) {
        md.append("| ").append(left).append(" | ").append(right).append(" |\n| --- | --- |\n");
        for (List<String> row : rows) {
            md.append("| ").append(row.get(0)).append(" | ").append(row.get(1)).append(" |\n");
        }
        md.append('\n');
    }

    /** A heading and free text, kept as the author wrote it (paragraphs, lists), made safe by {@link FreeText}. */
    private static void section(StringBuilder md, String heading, String text, boolean remoteImages) {
        md.append("## ").append(heading).append("\n\n");
        String rendered = present(text) ? FreeText.render(text.strip().replace("\r\n", "\n").replace('\r', '\n'), remoteImages) : "";
        md.append(rendered.isEmpty() ? NONE : rendered).append("\n\n");
    }

    /**
     * Text on one line: newlines become line breaks, HTML is shown as text, and brackets, emphasis and code marks are
     * escaped, so that no link or image can form in a title, a timeline entry or a table cell, and the text reads back
     * (an import) exactly as it was written.
     */
    static String inline(String text) {
        if (!present(text)) {
            return NONE;
        }
        return text.strip().replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace("[", "\\[").replace("]", "\\]")
                   .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
                   .replace("\r\n", "\n").replace('\r', '\n').replace("\n", "<br>");
    }

    /** An enum's name (IN_PROGRESS), or the dash for none. */
    private static String name(String value) {
        return present(value) && value.matches("[A-Z_]+") ? value : cell(value);
    }

    /** Text in a table cell: as {@link #inline}, and a pipe cannot end the cell. */
    static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    /** To the minute, as people write times; to the second when it is not on a whole minute (an import keeps it). */
    private static String time(Instant instant) {
        if (instant == null) {
            return NONE;
        }
        return instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0 ? TIME.format(instant) : SECONDS.format(instant);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    /** {@code first-user-impact} → {@code First User Impact}. */
    static String readable(String timeName) {
        return Arrays.stream(timeName.split("-"))
                               .map(word -> word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1))
                               .collect(Collectors.joining(" "));
    }
}
