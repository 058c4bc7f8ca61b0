package dev.postmortem.query.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.api.event.ReviewerAssigned;
import dev.postmortem.api.value.ReviewerKind;
import dev.postmortem.query.postmortem.PostMortemView;
import org.springframework.web.util.HtmlUtils;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the messages say: each e-mail as plain text and as HTML (every value escaped), and the chat announcement in the
 * {@code text} + {@code blocks} form Slack's and Mattermost's incoming webhooks take. Written to invite reading and
 * learning, never to point at anyone.
 */
final class Letters {

    /** Slack refuses a section's text over 3,000 characters. */
    static final int SLACK_SECTION_LIMIT = 3000;
    static final int EXCERPT = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotifyProperties properties;

    Letters(NotifyProperties properties) {
        this.properties = properties;
    }

    record Letter(String subject, String text, String html) {
    }

    /** An e-mail: a subject, paragraphs, optional lists of lines, and a link to the post-mortem. */
    private final class Draft {
        private final String subject;
        private final String link;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder html = new StringBuilder();

        Draft(String subject, String postMortemId) {
            this.subject = subject;
            this.link = postMortemId == null ? properties.webUiUrl().toString() : properties.linkTo(postMortemId);
        }

        Draft paragraph(String value) {
            if (value != null && !value.isBlank()) {
                text.append(value.strip()).append("\n\n");
                html.append("<p>").append(escape(value.strip()).replace("\n", "<br>")).append("</p>\n");
            }
            return this;
        }

        Draft heading(String value) {
            text.append(value).append('\n');
            html.append("<h3 style=\"margin:16px 0 4px\">").append(escape(value)).append("</h3>\n");
            return this;
        }

        Draft list(List<String> lines) {
            if (!lines.isEmpty()) {
                html.append("<ul>\n");
                for (String line : lines) {
                    text.append("  - ").append(line).append('\n');
                    html.append("<li>").append(escape(line)).append("</li>\n");
                }
                html.append("</ul>\n");
                text.append('\n');
            }
            return this;
        }

        Letter done(String action) {
            text.append(action).append(": ").append(link).append("\n\n-- \nSent by the post-mortem system. Post-mortems are blameless: "
                    + "they are about how the system and its people's work can be made safer, never about who is at fault.\n");
            String body = "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif;line-height:1.5;max-width:640px\">\n"
                    + "<h2 style=\"margin-bottom:4px\">" + escape(subject) + "</h2>\n" + html
                    + "<p><a href=\"" + escape(link) + "\">" + escape(action) + "</a></p>\n"
                    + "<p style=\"color:#666;font-size:12px\">Sent by the post-mortem system. Post-mortems are blameless: they are about how "
                    + "the system and its people's work can be made safer, never about who is at fault.</p>\n</body></html>\n";
            return new Letter(subject, text.toString(), body);
        }
    }

    Letter announcement(PostMortemView view) {
        Draft draft = new Draft("Post-mortem published: " + title(view) + severity(view), view.id);
        draft.paragraph("A post-mortem you are a stakeholder of has been published. Read it, share it with your team, and add "
                + "what you learned.");
        if (view.times.get("start") != null) {
            draft.paragraph("Incident: " + view.times.get("start") + (view.times.get("end") != null ? " to " + view.times.get("end") : ""));
        }
        draft.heading("Summary").paragraph(orNone(excerpt(view.summary)));
        if (!view.rootCause.isBlank()) {
            draft.heading("Root cause").paragraph(excerpt(view.rootCause));
        }
        List<String> countermeasures = view.countermeasures.stream().map(Letters::countermeasureLine).toList();
        if (!countermeasures.isEmpty()) {
            draft.heading("Countermeasures").list(countermeasures);
        }
        return draft.done("Read the post-mortem");
    }

    Letter reviewRequested(PostMortemView view, String by, ReviewerAssigned assigned) {
        String whom = assigned.kind() == ReviewerKind.GROUP ? "your group " + assigned.reviewer() : "you";
        return new Draft("Review requested: " + title(view) + severity(view), view.id)
                .paragraph((by == null ? "Someone" : by) + " asks " + whom + " to review this post-mortem. Comment on any section, "
                        + "timeline entry or countermeasure, then approve it or ask for changes.")
                .heading("Summary").paragraph(orNone(excerpt(view.summary)))
                .done("Review the post-mortem");
    }

    Letter comment(PostMortemView view, PostMortemView.Comment comment) {
        String where = comment.section == null ? "" : " on " + comment.section.toLowerCase(Locale.ROOT).replace('_', ' ');
        return new Draft("New review comment on " + title(view), view.id)
                .paragraph(comment.by + " commented" + where + (comment.id.equals(comment.thread) ? "" : " (a reply)") + ":")
                .paragraph(excerpt(comment.text))
                .done("Reply or resolve");
    }

    Letter verdict(PostMortemView view, String reviewer, boolean approved, String note) {
        Draft draft = new Draft((approved ? "Approved: " : "Changes requested: ") + title(view), view.id)
                .paragraph(reviewer + (approved ? " approved this post-mortem." : " asks for changes to this post-mortem."));
        if (note != null && !note.isBlank()) {
            draft.paragraph(excerpt(note));
        }
        return draft.done(approved ? "Open the post-mortem" : "See the review");
    }

    Letter assigned(PostMortemView view, PostMortemView.Countermeasure countermeasure) {
        Draft draft = new Draft("Countermeasure for you: " + countermeasure.title, view.id)
                .paragraph("You are the owner of a countermeasure from the post-mortem \"" + title(view) + "\""
                        + (countermeasure.targetDate != null ? ", to be done by " + countermeasure.targetDate : "") + ".")
                .paragraph(excerpt(countermeasure.description));
        if (countermeasure.priority != null) {
            draft.paragraph("Priority: " + countermeasure.priority.toLowerCase(Locale.ROOT));
        }
        return draft.done("See the countermeasure");
    }

    /** One owner's day: what is overdue and what is due for a check that it still works. */
    Letter digest(LocalDate day, List<DigestItem> overdue, List<DigestItem> revisits) {
        List<String> parts = new ArrayList<>();
        if (!overdue.isEmpty()) {
            parts.add(overdue.size() + " overdue");
        }
        if (!revisits.isEmpty()) {
            parts.add(revisits.size() + " due for a revisit");
        }
        Draft draft = new Draft("Your countermeasures, " + day + ": " + String.join(", ", parts), null)
                .paragraph("What you own from past post-mortems that needs a look today. Done already? Mark it done; no longer "
                        + "the right thing? Decline it with a reason, or move its target date.");
        if (!overdue.isEmpty()) {
            draft.heading("Overdue").list(overdue.stream().map(i -> i.title() + " — due " + i.targetDate() + " (" + i.postMortemTitle()
                    + ", " + properties.linkTo(i.postMortemId()) + ")").toList());
        }
        if (!revisits.isEmpty()) {
            draft.heading("Still taking effect? Due for a revisit").list(revisits.stream().map(i -> i.title() + " (" + i.postMortemTitle()
                    + ", " + properties.linkTo(i.postMortemId()) + ")").toList());
        }
        return draft.done("Open your countermeasures");
    }

    record DigestItem(String postMortemId, String postMortemTitle, String title, LocalDate targetDate) {
    }

    /** The chat announcement: a line of text (notifications, clients without blocks) and blocks with the link. */
    String slackAnnouncement(PostMortemView view, List<String> chatHandles) {
        String link = properties.linkTo(view.id);
        ObjectNode message = JSON.createObjectNode();
        message.put("text", "Post-mortem published: " + title(view) + severity(view) + " " + link);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode headline = blocks.addObject().put("type", "section");
        headline.putObject("text").put("type", "mrkdwn")
                .put("text", limit(":memo: Post-mortem published: *<" + link + "|" + mrkdwn(title(view)) + ">*" + mrkdwn(severity(view))));
        if (!view.summary.isBlank()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", limit(mrkdwn(excerpt(view.summary))));
        }
        List<String> context = new ArrayList<>();
        if (!view.owningTeams.isEmpty()) {
            context.add("Teams: " + String.join(", ", view.owningTeams));
        }
        if (!view.affectedServices.isEmpty()) {
            context.add("Services: " + String.join(", ", view.affectedServices));
        }
        if (!view.countermeasures.isEmpty()) {
            context.add(view.countermeasures.size() + " countermeasure" + (view.countermeasures.size() == 1 ? "" : "s"));
        }
        if (!chatHandles.isEmpty()) {
            context.add("Stakeholders: " + String.join(" ", chatHandles.stream().map(h -> h.startsWith("@") ? h : "@" + h).toList()));
        }
        if (!context.isEmpty()) {
            ArrayNode elements = blocks.addObject().put("type", "context").putArray("elements");
            elements.addObject().put("type", "mrkdwn").put("text", limit(mrkdwn(String.join("  ·  ", context))));
        }
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject().put("type", "button").put("url", link);
        button.putObject("text").put("type", "plain_text").put("text", "Read the post-mortem");
        return message.toString();
    }

    /** The month's past incidents for a channel: each linked, with its severity and how many years ago. */
    String slackResurfacing(YearMonth month, List<PostMortemView> incidents) {
        String monthName = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        ObjectNode message = JSON.createObjectNode();
        message.put("text", "This month in earlier years: " + incidents.size() + " post-mortem" + (incidents.size() == 1 ? "" : "s")
                + " worth reading again");
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
              .put("text", ":calendar: *" + monthName + " in earlier years* — worth reading again, and a check that their countermeasures still work:");
        StringBuilder lines = new StringBuilder();
        for (PostMortemView view : incidents) {
            int years = month.getYear() - LocalDate.ofInstant(view.times.get("start"), ZoneOffset.UTC).getYear();
            lines.append("• <").append(properties.linkTo(view.id)).append('|').append(mrkdwn(title(view))).append(">")
                 .append(mrkdwn(severity(view))).append(" — ").append(years == 1 ? "a year ago" : years + " years ago").append('\n');
        }
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", limit(lines.toString().strip()));
        return message.toString();
    }

    private static String countermeasureLine(PostMortemView.Countermeasure c) {
        return c.title + (c.owner != null ? " — " + c.owner : "") + (c.targetDate != null ? ", by " + c.targetDate : "");
    }

    private static String title(PostMortemView view) {
        return view.title == null || view.title.isBlank() ? view.id : view.title;
    }

    private static String severity(PostMortemView view) {
        return view.severity == null ? "" : " (" + view.severity + ")";
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "(none written)" : value;
    }

    static String excerpt(String value) {
        if (value == null) {
            return "";
        }
        String stripped = value.strip();
        if (stripped.codePointCount(0, stripped.length()) <= EXCERPT) {
            return stripped;
        }
        return stripped.substring(0, stripped.offsetByCodePoints(0, EXCERPT - 1)).stripTrailing() + "…";
    }

    /** Slack's escaping: &, < and > only (they delimit links and mentions). */
    static String mrkdwn(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String limit(String value) {
        return value.length() <= SLACK_SECTION_LIMIT ? value : value.substring(0, SLACK_SECTION_LIMIT - 1) + "…";
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
