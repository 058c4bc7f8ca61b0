package dev.postmortem.api.value;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A post-mortem as read from a document in the guide's Markdown template: every section the template has, each empty
 * when the document leaves it out; {@code notes} says what was read in a way worth knowing (an unknown section kept
 * in the additional info, a value left out).
 */
public record PostMortemDocument(String title, Instant meetingAt, String contactPerson, String facilitatedBy, String originalAuthor,
                                 Incident incident, Map<String, Instant> times, String severity, List<Entry> timeline,
                                 String additionalInfo, String remediation, List<Ticket> bugTickets, String summary, List<String> tags,
                                 List<Stakeholder> stakeholders, List<Why> fiveWhys, String rootCause,
                                 List<Countermeasure> countermeasures, List<String> notes) {

    public record Incident(String provider, String incidentId, String url) {
    }

    /** A timeline entry; {@code kind} null when the document does not say (the importer chooses). */
    public record Entry(Instant occurredAt, TimelineEntryKind kind, String description, String effect, String perspective) {
    }

    public record Ticket(String reference, String url) {
    }

    public record Stakeholder(String name, List<String> roles) {
    }

    public record Why(int step, String question, String answer) {
    }

    public record Countermeasure(String title, String priority, String type, String owner, LocalDate targetDate, String status) {
    }
}
