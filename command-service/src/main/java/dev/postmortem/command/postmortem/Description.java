package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.LinkIncident;
import dev.postmortem.api.command.ReplaceBugTickets;
import dev.postmortem.api.command.UnlinkIncident;
import dev.postmortem.api.command.WriteDescription;
import dev.postmortem.api.event.AdditionalInfoWritten;
import dev.postmortem.api.event.BugTicketLinked;
import dev.postmortem.api.event.BugTicketUnlinked;
import dev.postmortem.api.event.IncidentLinked;
import dev.postmortem.api.event.IncidentUnlinked;
import dev.postmortem.api.event.RemediationWritten;
import dev.postmortem.api.event.SummaryWritten;
import dev.postmortem.api.value.BugTicket;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.PostMortemPart;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.required;
import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The post-mortem's prose — summary, remediation, additional information — the bug tickets it links and the incident
 * it is about, a member of the post-mortem. Each text is its own event, written only when it changes.
 */
class Description extends PostMortemPart {

    /** A tool's name as the link keeps it: lower case, letters, digits and dashes ({@code pagerduty}, {@code incident-io}). */
    static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** An incident's id in its tool: printable, no spaces (PagerDuty {@code Q2LC6ZT3O8XKA1}, Opsgenie a UUID, Jira {@code INC-42}). */
    static final Pattern INCIDENT_ID = Pattern.compile("[\\p{Alnum}._:#/-]{1,100}");

    private String summary = "";
    private String remediation = "";
    private String additionalInfo = "";
    private final Map<String, String> bugTickets = new LinkedHashMap<>();
    /** The incident it is about (provider, id, url), if it names one. */
    private IncidentLinked incident;

    @CommandHandler
    public long handle(WriteDescription command) {
        String newSummary = optional(command.summary());
        String newRemediation = optional(command.remediation());
        String newAdditionalInfo = optional(command.additionalInfo());
        if (!newSummary.equals(summary)) {
            apply(new SummaryWritten(postMortemId, newSummary));
        }
        if (!newRemediation.equals(remediation)) {
            apply(new RemediationWritten(postMortemId, newRemediation));
        }
        if (!newAdditionalInfo.equals(additionalInfo)) {
            apply(new AdditionalInfoWritten(postMortemId, newAdditionalInfo));
        }
        return version();
    }

    @CommandHandler
    public long handle(ReplaceBugTickets command) {
        Map<String, String> wanted = new LinkedHashMap<>();
        List<BugTicket> tickets = command.tickets() == null ? List.of() : command.tickets();
        for (int i = 0; i < tickets.size(); i++) {
            BugTicket ticket = tickets.get(i);
            String field = "tickets[" + i + "]";
            if (ticket == null) {
                throw new InvalidValueException(field, "must not be null");
            }
            String reference = required(field + ".reference", ticket.reference());
            String url = httpUrl(field + ".url", ticket.url());
            if (wanted.put(reference, url) != null) {
                throw new InvalidValueException(field + ".reference", "bug ticket " + reference + " is listed twice");
            }
        }
        bugTickets.keySet().stream().filter(reference -> !wanted.containsKey(reference)).toList()
                  .forEach(reference -> apply(new BugTicketUnlinked(postMortemId, reference)));
        wanted.forEach((reference, url) -> {
            if (!url.equals(bugTickets.get(reference))) {
                apply(new BugTicketLinked(postMortemId, reference, url));
            }
        });
        return version();
    }

    @CommandHandler
    public long handle(LinkIncident command) {
        IncidentLinked linked = incident(postMortemId, "", command.provider(), command.incidentId(), command.url());
        if (!linked.equals(incident)) {
            apply(linked);
        }
        return version();
    }

    /**
     * The link to an incident, checked by meaning: a tool's name (lower-cased), an id without spaces, an optional
     * http(s) address ({@code ""} for none, as the event's schema has every field a string). {@code prefix} names the
     * fields in errors ({@code "incident."} for an import).
     */
    static IncidentLinked incident(String postMortemId, String prefix, String providerValue, String incidentIdValue, String urlValue) {
        String provider = required(prefix + "provider", providerValue).toLowerCase(Locale.ROOT);
        if (!PROVIDER.matcher(provider).matches()) {
            throw new InvalidValueException(prefix + "provider", "a tool's name: 1 to 40 letters, digits or dashes, e.g. pagerduty, opsgenie, other");
        }
        String incidentId = required(prefix + "incidentId", incidentIdValue);
        if (!INCIDENT_ID.matcher(incidentId).matches()) {
            throw new InvalidValueException(prefix + "incidentId", "1 to 100 letters, digits or . _ : # / - (no spaces)");
        }
        String url = urlValue == null || urlValue.isBlank() ? "" : httpUrl(prefix + "url", urlValue.strip());
        return new IncidentLinked(postMortemId, provider, incidentId, url);
    }

    @CommandHandler
    public long handle(UnlinkIncident command) {
        if (incident != null) {
            apply(new IncidentUnlinked(postMortemId));
        }
        return version();
    }

    static String httpUrl(String field, String value) {
        String url = required(field, value);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && Set.of("http", "https").contains(uri.getScheme().toLowerCase()) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidValueException(field, "must be an absolute http(s) URL");
    }

    /** What a publication needs of it. */
    boolean hasSummary() {
        return !summary.isEmpty();
    }

    /** The UTF-8 size of its texts and tickets, with what each ticket adds besides (see {@link Bounds}). */
    long textBytes() {
        long bytes = Bounds.bytes(summary) + Bounds.bytes(remediation) + Bounds.bytes(additionalInfo);
        for (Map.Entry<String, String> ticket : bugTickets.entrySet()) {
            bytes += Bounds.ENTRY_BYTES + Bounds.bytes(ticket.getKey()) + Bounds.bytes(ticket.getValue());
        }
        if (incident != null) {
            bytes += Bounds.ENTRY_BYTES + Bounds.bytes(incident.provider()) + Bounds.bytes(incident.incidentId())
                    + Bounds.bytes(incident.url());
        }
        return bytes;
    }

    @EventSourcingHandler
    void on(SummaryWritten event) {
        summary = event.summary();
    }

    @EventSourcingHandler
    void on(RemediationWritten event) {
        remediation = event.remediation();
    }

    @EventSourcingHandler
    void on(AdditionalInfoWritten event) {
        additionalInfo = event.additionalInfo();
    }

    @EventSourcingHandler
    void on(BugTicketLinked event) {
        bugTickets.put(event.reference(), event.url());
    }

    @EventSourcingHandler
    void on(BugTicketUnlinked event) {
        bugTickets.remove(event.reference());
    }

    @EventSourcingHandler
    void on(IncidentLinked event) {
        incident = event;
    }

    @EventSourcingHandler
    void on(IncidentUnlinked event) {
        incident = null;
    }
}
