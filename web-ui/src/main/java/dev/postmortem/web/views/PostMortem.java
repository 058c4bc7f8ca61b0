package dev.postmortem.web.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A post-mortem as the query service shows it ({@code GET /api/postmortems/{id}}), for the pages. Times are kept as
 * the ISO-8601 text the service sends; absent lists read as empty.
 */
public record PostMortem(String id, long version, String title, String status, String createdAt, String createdBy,
                         String lastChangedAt, String lastChangedBy, String publishedAt, Meeting meeting, Map<String, String> times,
                         String severity, int severityRegrades, List<Entry> timeline, List<Stakeholder> stakeholders,
                         List<Why> fiveWhys, String rootCause, String summary, String remediation, String additionalInfo,
                         List<BugTicket> bugTickets, Incident incident, List<String> tags, List<String> affectedServices, List<String> owningTeams,
                         List<Countermeasure> countermeasures, Restriction restriction, Stuck stuck, Review review) {

    public PostMortem {
        times = times == null ? Map.of() : new TreeMap<>(times);
        timeline = timeline == null ? List.of() : timeline;
        stakeholders = stakeholders == null ? List.of() : stakeholders;
        fiveWhys = fiveWhys == null ? List.of() : fiveWhys;
        bugTickets = bugTickets == null ? List.of() : bugTickets;
        tags = tags == null ? List.of() : tags;
        affectedServices = affectedServices == null ? List.of() : affectedServices;
        owningTeams = owningTeams == null ? List.of() : owningTeams;
        countermeasures = countermeasures == null ? List.of() : countermeasures;
        rootCause = rootCause == null ? "" : rootCause;
        summary = summary == null ? "" : summary;
        remediation = remediation == null ? "" : remediation;
        additionalInfo = additionalInfo == null ? "" : additionalInfo;
        review = review == null ? new Review(null, List.of(), List.of(), List.of(), List.of()) : review;
    }

    /** What a review comment's part is: the timeline entry's description or the countermeasure's title. */
    public String partLabel(String partId) {
        return timeline.stream().filter(entry -> entry.id().equals(partId)).map(Entry::description).findFirst()
                       .or(() -> countermeasures.stream().filter(c -> c.id().equals(partId)).map(Countermeasure::title).findFirst())
                       .orElse(partId);
    }

    /** A text field by the name the forms and the service use ({@code summary}, {@code remediation}, ...). */
    public String text(String field) {
        return switch (field) {
            case "summary" -> summary;
            case "remediation" -> remediation;
            case "additionalInfo" -> additionalInfo;
            case "rootCause" -> rootCause;
            case "title" -> title;
            default -> "";
        };
    }

    public record Meeting(String meetingAt, String contactPerson, String facilitatedBy) {
    }

    public record Entry(String id, String occurredAt, String kind, String description, String effect, String perspective,
                        boolean withdrawn, String addedAt, String addedBy, ImportSource importedFrom) {
    }

    /** Where an imported timeline entry came from: the log's format, its name, the entry in it. */
    public record ImportSource(String source, String name, String ref) {

        public String label() {
            String tool = "pagerduty".equals(source) ? "PagerDuty" : "csv".equals(source) ? "CSV" : source;
            return "Imported from " + tool + (name != null ? " " + name : "") + (ref != null ? " (" + ref + ")" : "");
        }
    }

    public record Stakeholder(String id, String name, List<String> roles) {
        public Stakeholder {
            roles = roles == null ? List.of() : roles;
        }
    }

    public record Why(int step, String question, String answer) {
    }

    public record BugTicket(String reference, String url) {
    }

    /** The incident in the paging or incident tool: provider (lower case), its id there, where it is (may be null). */
    public record Incident(String provider, String incidentId, String url) {

        /** The tool's name as people write it. */
        public String providerLabel() {
            return switch (provider) {
                case "pagerduty" -> "PagerDuty";
                case "opsgenie" -> "Opsgenie";
                case "incident-io" -> "incident.io";
                case "jira" -> "Jira";
                case "servicenow" -> "ServiceNow";
                case "other" -> "Incident";
                default -> provider;
            };
        }

        public boolean linkable() {
            return url != null && (url.startsWith("https://") || url.startsWith("http://"));
        }
    }

    public record Countermeasure(String id, String title, String description, String priority, String type, String status, String owner,
                                 String targetDate, String proposedAt, String completedAt, String completionNote, String declinedReason,
                                 List<Revisit> revisits) {
        public Countermeasure {
            revisits = revisits == null ? List.of() : revisits;
        }

        public boolean open() {
            return "PROPOSED".equals(status) || "ASSIGNED".equals(status) || "IN_PROGRESS".equals(status);
        }
    }

    public record Revisit(String verdict, String note, String at, String by) {
    }

    public record Restriction(List<String> people, List<String> groups) {
        public Restriction {
            people = people == null ? List.of() : people;
            groups = groups == null ? List.of() : groups;
        }
    }

    public record Stuck(String since, String reason, long upTo) {
    }

    /** Who reviews it, each one's latest verdict, the comment threads (the query service's {@code review}). */
    public record Review(String submittedBy, List<Reviewer> reviewers, List<Verdict> verdicts, List<Comment> comments,
                         List<String> withdrawnApprovals) {
        public Review {
            reviewers = reviewers == null ? List.of() : reviewers;
            verdicts = verdicts == null ? List.of() : verdicts;
            comments = comments == null ? List.of() : comments;
            withdrawnApprovals = withdrawnApprovals == null ? List.of() : withdrawnApprovals;
        }

        /** The latest verdict of this reviewer (a person's name), or null. */
        public Verdict verdictOf(String reviewer) {
            return verdicts.stream().filter(verdict -> verdict.reviewer().equals(reviewer)).findFirst().orElse(null);
        }

        /** Each thread: its first comment and the replies, in the order written; open threads first. */
        public List<Thread> threads() {
            Map<String, List<Comment>> byThread = new LinkedHashMap<>();
            comments.forEach(comment -> byThread.computeIfAbsent(comment.thread(), key -> new ArrayList<>()).add(comment));
            List<Thread> threads = new ArrayList<>();
            byThread.forEach((id, inThread) -> {
                Comment first = inThread.stream().filter(comment -> comment.id().equals(id)).findFirst().orElse(inThread.get(0));
                threads.add(new Thread(first, inThread.stream().filter(comment -> comment != first).toList()));
            });
            threads.sort(Comparator.comparing(thread -> thread.first().resolved()));
            return threads;
        }

        /** Verdicts given for a group by one of its members (not a reviewer named in person). */
        public List<Verdict> groupVerdicts() {
            return verdicts.stream().filter(verdict -> reviewers.stream()
                    .noneMatch(reviewer -> "PERSON".equals(reviewer.kind()) && reviewer.name().equals(verdict.reviewer()))).toList();
        }

        public long openThreads() {
            return threads().stream().filter(thread -> !thread.first().resolved()).count();
        }
    }

    public record Reviewer(String name, String kind) {
    }

    public record Verdict(String reviewer, String verdict, String note, String at) {
    }

    public record Comment(String id, String thread, String section, String partId, String text, String by, String at, boolean resolved,
                          String resolvedBy, String resolvedAt) {
    }

    public record Thread(Comment first, List<Comment> replies) {

        /** The first comment, then the replies. */
        public List<Comment> comments() {
            List<Comment> all = new ArrayList<>(List.of(first));
            all.addAll(replies);
            return all;
        }
    }
}
