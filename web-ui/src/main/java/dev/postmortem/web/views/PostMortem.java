package dev.postmortem.web.views;

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
                         List<BugTicket> bugTickets, List<String> tags, List<String> affectedServices, List<String> owningTeams,
                         List<Countermeasure> countermeasures, Restriction restriction, Stuck stuck) {

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
                        boolean withdrawn, String addedAt, String addedBy) {
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
}
