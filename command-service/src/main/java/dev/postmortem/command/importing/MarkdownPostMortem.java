package dev.postmortem.command.importing;

import dev.postmortem.api.value.PostMortemDocument;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.timeline.importing.ImportProblem;
import dev.postmortem.command.timeline.importing.TimelineFiles;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a post-mortem written in the guide's Markdown template — the document the export writes: the title as the
 * first {@code #} heading, the meeting table, then the template's {@code ##} sections in any order (Timeline, Description
 * with the severity, What happened, Additional Info, Remediation, Bug Tickets, Short Summary, Tags, Stakeholders, 5 Whys,
 * Root Cause, Countermeasures). A section left out is empty; {@code —} is "none"; a section the template does not
 * have is kept, heading and all, at the end of the additional information (nothing of the document is lost); what
 * follows a {@code ---} line (the export's footer) is not read. Free text keeps its Markdown as written. Parsed with
 * commonmark-java and its GFM tables; a document nested deeper than any post-mortem is refused before parsing.
 */
public final class MarkdownPostMortem {

    /** Quotes or list items within one another: a post-mortem has two or three levels, a hostile file thousands. */
    static final int MAX_NESTING = 32;
    static final String NONE = "—";
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
                                               .includeSourceSpans(IncludeSourceSpans.BLOCKS).build();
    private static final Pattern KIND = Pattern.compile("^\\(([A-Za-z _-]{3,40})\\)\\s*");
    private static final Map<String, String> STANDARD_TIMES = Map.of("start time", "start", "end time", "end", "detect time", "detect");

    private final String source;
    private final List<String> lines;
    private final List<String> notes = new ArrayList<>();

    private MarkdownPostMortem(String source) {
        this.source = source;
        this.lines = source.lines().toList();
    }

    public static PostMortemDocument read(byte[] file) {
        String text = TimelineFiles.utf8(file).replace("\r\n", "\n").replace('\r', '\n');
        checkNesting(text);
        return new MarkdownPostMortem(text).read();
    }

    private PostMortemDocument read() {
        Node document = PARSER.parse(source);
        String title = null;
        Map<String, List<Node>> sections = new LinkedHashMap<>();
        List<Node> preamble = new ArrayList<>();
        List<Node> current = preamble;
        for (Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof ThematicBreak) {
                break;
            }
            if (node instanceof Heading heading && heading.getLevel() == 1 && title == null) {
                title = inline(heading).strip();
                continue;
            }
            if (node instanceof Heading heading && heading.getLevel() == 2) {
                String name = inline(heading).strip().toLowerCase(Locale.ROOT);
                current = sections.computeIfAbsent(name, key -> new ArrayList<>());
                continue;
            }
            current.add(node);
        }
        if (title == null || title.isBlank() || title.equals(NONE)) {
            throw new ImportProblem("title", "no title: a post-mortem in the template starts with a '# Title' line");
        }

        Map<String, String> meeting = pairs(preamble, "meeting table");
        Map<String, Instant> times = new TreeMap<>();
        pairs(sections.getOrDefault("timeline", List.of()), "Timeline").forEach((label, value) -> {
            String name = STANDARD_TIMES.getOrDefault(label.toLowerCase(Locale.ROOT), label.toLowerCase(Locale.ROOT).strip().replaceAll("[^a-z0-9]+", "-"));
            if (!name.equals("additional") && !value.equals(NONE)) {
                times.put(name, time("Timeline: " + label, value));
            }
        });

        List<String> additional = new ArrayList<>();
        String additionalInfo = free(sections.get("additional info"));
        if (!additionalInfo.isEmpty()) {
            additional.add(additionalInfo);
        }
        for (Map.Entry<String, List<Node>> section : sections.entrySet()) {
            if (!KNOWN.contains(section.getKey())) {
                String heading = headingOf(section.getKey());
                additional.add("## " + heading + "\n\n" + free(section.getValue()));
                notes.add("the section \"" + heading + "\" is not in the template: kept at the end of the additional info");
            }
        }

        return new PostMortemDocument(title,
                meeting.containsKey("date") && !meeting.get("date").equals(NONE) ? time("Meeting: Date", meeting.get("date")) : null,
                value(meeting.get("contact")), value(meeting.get("facilitated by")), value(meeting.get("created by")),
                incident, times, severity(sections.get("description")), timeline(sections.get("what happened")),
                String.join("\n\n", additional), free(sections.get("remediation")), tickets(sections.get("bug tickets")),
                free(sections.get("short summary")), tags(sections.get("tags")), stakeholders(sections.get("stakeholders")),
                whys(sections.get("5 whys")), free(sections.get("root cause")), countermeasures(sections.get("countermeasures")),
                List.copyOf(notes));
    }

    private static final List<String> KNOWN = List.of("timeline", "description", "what happened", "additional info", "remediation",
            "bug tickets", "short summary", "tags", "stakeholders", "5 whys", "root cause", "countermeasures");

    private PostMortemDocument.Incident incident;

    /** A two-column table's rows, by the first column's label (lower case): the meeting table, the incident times. */
    private Map<String, String> pairs(List<Node> nodes, String where) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node instanceof TableBlock table) {
                for (TableRow row : rows(table, false)) {
                    List<TableCell> cells = cells(row);
                    if (cells.size() >= 2) {
                        String label = inline(cells.get(0)).strip();
                        pairs.put(label.toLowerCase(Locale.ROOT), inline(cells.get(1)).strip());
                        if (label.equalsIgnoreCase("incident") && where.equals("meeting table")) {
                            incident = incident(cells.get(1));
                        }
                    }
                }
            }
        }
        return pairs;
    }

    /** "pagerduty Q2LC6ZT3O8XKA1", linked to the incident when it has an address. */
    private static PostMortemDocument.Incident incident(TableCell cell) {
        String text = inline(cell).strip();
        String[] parts = text.split("\\s+", 2);
        if (text.equals(NONE) || parts.length < 2) {
            return null;
        }
        Link link = first(cell, Link.class);
        return new PostMortemDocument.Incident(parts[0].toLowerCase(Locale.ROOT), parts[1].strip(), link == null ? "" : link.getDestination());
    }

    private String severity(List<Node> nodes) {
        if (nodes == null) {
            return null;
        }
        for (Node node : nodes) {
            String text = (node instanceof BlockQuote ? inline(node) : node instanceof Paragraph ? inline(node) : "").strip();
            if (text.regionMatches(true, 0, "Severity:", 0, 9)) {
                String level = text.substring(9).strip();
                return level.isEmpty() || level.equals(NONE) ? null : level;
            }
        }
        return null;
    }

    /** {@code - **2026-03-02 14:12 UTC** (detection) — what happened _Effect:_ … _Perspective:_ …}, one a list item. */
    private List<PostMortemDocument.Entry> timeline(List<Node> nodes) {
        List<PostMortemDocument.Entry> entries = new ArrayList<>();
        int index = 0;
        for (ListItem item : items(nodes)) {
            String where = "What happened, entry " + (++index);
            Node paragraph = item.getFirstChild();
            if (paragraph == null) {
                continue;
            }
            String time = null;
            StringBuilder description = new StringBuilder();
            StringBuilder effect = new StringBuilder();
            StringBuilder perspective = new StringBuilder();
            StringBuilder into = description;
            for (Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof StrongEmphasis && time == null && description.toString().isBlank()) {
                    time = inline(child).strip();
                } else if (child instanceof Emphasis && inline(child).strip().equalsIgnoreCase("Effect:")) {
                    into = effect;
                } else if (child instanceof Emphasis && inline(child).strip().equalsIgnoreCase("Perspective:")) {
                    into = perspective;
                } else {
                    into.append(inline(child));
                }
            }
            if (time == null) {
                throw new ImportProblem(where, "no time: an entry starts with its time in bold, **2026-03-02 14:12 UTC**");
            }
            String text = description.toString().strip();
            text = text.startsWith("—") ? text.substring(1).strip() : text.startsWith("-") ? text.substring(1).strip() : text;
            TimelineEntryKind kind = null;
            Matcher named = KIND.matcher(text);
            if (named.find()) {
                kind = kind(named.group(1));
                if (kind != null) {
                    text = text.substring(named.end()).strip();
                    text = text.startsWith("—") ? text.substring(1).strip() : text;
                }
            }
            if (text.isEmpty()) {
                throw new ImportProblem(where, "no description after the time");
            }
            entries.add(new PostMortemDocument.Entry(time(where, time), kind, text, effect.toString().strip(), perspective.toString().strip()));
        }
        return entries;
    }

    private static TimelineEntryKind kind(String word) {
        String name = word.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (TimelineEntryKind kind : TimelineEntryKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    private List<PostMortemDocument.Ticket> tickets(List<Node> nodes) {
        List<PostMortemDocument.Ticket> tickets = new ArrayList<>();
        for (ListItem item : items(nodes)) {
            Link link = first(item, Link.class);
            String reference = inline(item).strip();
            if (!reference.isEmpty() && !reference.equals(NONE)) {
                tickets.add(new PostMortemDocument.Ticket(reference, link == null ? null : link.getDestination()));
            }
        }
        return tickets;
    }

    /** {@code `checkout`, `database`} — or, written by hand, words separated by commas. */
    private List<String> tags(List<Node> nodes) {
        List<String> tags = new ArrayList<>();
        if (nodes == null) {
            return tags;
        }
        for (Node node : nodes) {
            List<Code> codes = all(node, Code.class);
            if (!codes.isEmpty()) {
                codes.forEach(code -> tags.add(code.getLiteral().strip()));
            } else {
                for (String word : inline(node).split(",")) {
                    if (!word.isBlank() && !word.strip().equals(NONE)) {
                        tags.add(word.strip());
                    }
                }
            }
        }
        return tags;
    }

    /** {@code - Ana Silva — responded, diagnosed}. */
    private List<PostMortemDocument.Stakeholder> stakeholders(List<Node> nodes) {
        List<PostMortemDocument.Stakeholder> stakeholders = new ArrayList<>();
        for (ListItem item : items(nodes)) {
            String text = inline(item).strip();
            int dash = text.lastIndexOf(" — ");
            String name = dash < 0 ? text : text.substring(0, dash).strip();
            List<String> roles = new ArrayList<>();
            if (dash >= 0) {
                for (String role : text.substring(dash + 3).split(",")) {
                    if (!role.isBlank()) {
                        roles.add(role.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
                    }
                }
            }
            if (!name.isEmpty() && !name.equals(NONE)) {
                stakeholders.add(new PostMortemDocument.Stakeholder(name, roles));
            }
        }
        return stakeholders;
    }

    /** {@code 1. **Why did checkout fail?** Payments could not get connections.} */
    private List<PostMortemDocument.Why> whys(List<Node> nodes) {
        List<PostMortemDocument.Why> whys = new ArrayList<>();
        if (nodes == null) {
            return whys;
        }
        for (Node node : nodes) {
            if (node instanceof OrderedList list) {
                int step = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
                for (Node item = list.getFirstChild(); item != null; item = item.getNext(), step++) {
                    StrongEmphasis question = first(item, StrongEmphasis.class);
                    String all = inline(item).strip();
                    String q = question == null ? all : inline(question).strip();
                    String answer = question == null ? "" : all.substring(Math.min(all.length(), all.indexOf(q) + q.length())).strip();
                    whys.add(new PostMortemDocument.Why(step, q, answer.equals(NONE) ? "" : answer));
                }
            }
        }
        return whys;
    }

    /** The template's table: Countermeasure, Priority, Type, Owner, Target date, Status — by the header's names. */
    private List<PostMortemDocument.Countermeasure> countermeasures(List<Node> nodes) {
        List<PostMortemDocument.Countermeasure> countermeasures = new ArrayList<>();
        if (nodes == null) {
            return countermeasures;
        }
        for (Node node : nodes) {
            if (!(node instanceof TableBlock table)) {
                continue;
            }
            List<String> header = rows(table, true).stream().findFirst().map(row -> cells(row).stream()
                    .map(cell -> inline(cell).strip().toLowerCase(Locale.ROOT)).toList()).orElse(List.of());
            int index = 0;
            for (TableRow row : rows(table, false)) {
                String where = "Countermeasures, row " + (++index);
                List<TableCell> cells = cells(row);
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < cells.size() && i < header.size(); i++) {
                    values.put(header.get(i), value(inline(cells.get(i)).strip()));
                }
                String title = values.getOrDefault("countermeasure", values.get("title"));
                if (title == null) {
                    throw new ImportProblem(where, "no title: the first column is the countermeasure");
                }
                String target = values.get("target date");
                LocalDate date = null;
                if (target != null) {
                    try {
                        date = LocalDate.parse(target);
                    } catch (DateTimeParseException e) {
                        throw new ImportProblem(where, "the target date \"" + target + "\" is not 2026-03-20");
                    }
                }
                countermeasures.add(new PostMortemDocument.Countermeasure(title, upper(values.get("priority")), upper(values.get("type")),
                        values.get("owner"), date, upper(values.get("status"))));
            }
        }
        return countermeasures;
    }

    /** A section's text as written (its Markdown), without the section's heading; "—" or nothing: empty. */
    private String free(List<Node> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return "";
        }
        List<SourceSpan> first = nodes.get(0).getSourceSpans();
        List<SourceSpan> last = nodes.get(nodes.size() - 1).getSourceSpans();
        if (first.isEmpty() || last.isEmpty()) {
            return "";
        }
        int from = first.get(0).getLineIndex();
        int to = last.get(last.size() - 1).getLineIndex();
        String text = String.join("\n", lines.subList(from, Math.min(to + 1, lines.size()))).strip();
        return text.equals(NONE) ? "" : text;
    }

    private static Instant time(String where, String value) {
        return TimelineFiles.time(where, value);
    }

    /** The plain text of inline content: emphasis kept as its words, a line break (or the export's {@code <br>}) a newline. */
    static String inline(Node node) {
        StringBuilder text = new StringBuilder();
        appendText(node, text);
        return text.toString();
    }

    private static void appendText(Node node, StringBuilder text) {
        if (node instanceof Text t) {
            text.append(t.getLiteral());
        } else if (node instanceof Code code) {
            text.append(code.getLiteral());
        } else if (node instanceof SoftLineBreak) {
            text.append(' ');
        } else if (node instanceof HardLineBreak) {
            text.append('\n');
        } else if (node instanceof HtmlInline html) {
            text.append(html.getLiteral().matches("(?i)<br\\s*/?>") ? "\n" : html.getLiteral());
        } else {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                appendText(child, text);
                if (child instanceof Paragraph && child.getNext() != null) {
                    text.append('\n');
                }
            }
        }
    }

    private static List<ListItem> items(List<Node> nodes) {
        List<ListItem> items = new ArrayList<>();
        if (nodes != null) {
            for (Node node : nodes) {
                if (node instanceof BulletList || node instanceof OrderedList) {
                    for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                        if (item instanceof ListItem listItem) {
                            items.add(listItem);
                        }
                    }
                }
            }
        }
        return items;
    }

    private static List<TableRow> rows(TableBlock table, boolean head) {
        List<TableRow> rows = new ArrayList<>();
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
            boolean isHead = part instanceof TableHead;
            if (isHead == head) {
                for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                    if (row instanceof TableRow tableRow) {
                        rows.add(tableRow);
                    }
                }
            }
        }
        return rows;
    }

    private static List<TableCell> cells(TableRow row) {
        List<TableCell> cells = new ArrayList<>();
        for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
            if (cell instanceof TableCell tableCell) {
                cells.add(tableCell);
            }
        }
        return cells;
    }

    private static <T extends Node> T first(Node node, Class<T> type) {
        List<T> found = all(node, type);
        return found.isEmpty() ? null : found.get(0);
    }

    private static <T extends Node> List<T> all(Node node, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(node, type, found);
        return found;
    }

    private static <T extends Node> void collect(Node node, Class<T> type, List<T> found) {
        if (type.isInstance(node)) {
            found.add(type.cast(node));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, type, found);
        }
    }

    private static String value(String text) {
        return text == null || text.isBlank() || text.strip().equals(NONE) ? null : text.strip();
    }

    private static String upper(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT).replace(' ', '_');
    }

    private static String headingOf(String lowerCaseName) {
        return Character.toUpperCase(lowerCaseName.charAt(0)) + lowerCaseName.substring(1);
    }

    /** Refuses, before parsing, a document whose quotes or lists nest deeper than {@value #MAX_NESTING}. */
    private static void checkNesting(String text) {
        int line = 0;
        for (String content : text.split("\n", -1)) {
            line++;
            int depth = 0;
            int indent = 0;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (c == '>') {
                    depth++;
                } else if (c == ' ' || c == '\t') {
                    indent += c == '\t' ? 4 : 1;
                } else if ((c == '-' || c == '*' || c == '+') && i + 1 < content.length() && content.charAt(i + 1) == ' ') {
                    depth++;
                    i++;
                } else {
                    break;
                }
            }
            if (depth + indent / 2 > MAX_NESTING) {
                throw new ImportProblem("line " + line, "quotes or lists nested deeper than a post-mortem is (" + MAX_NESTING + " levels)");
            }
        }
    }
}
