package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.ImportPostMortem;
import dev.postmortem.api.event.AdditionalInfoWritten;
import dev.postmortem.api.event.BugTicketLinked;
import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureStarted;
import dev.postmortem.api.event.IncidentLinked;
import dev.postmortem.api.event.IncidentTimeRecorded;
import dev.postmortem.api.event.MeetingDetailsRecorded;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemImported;
import dev.postmortem.api.event.RemediationWritten;
import dev.postmortem.api.event.RootCauseIdentified;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.StakeholderAdded;
import dev.postmortem.api.event.SummaryWritten;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.api.value.IncidentTimes;
import dev.postmortem.api.value.PostMortemDocument;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.severity.SeverityScale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.requireId;
import static dev.postmortem.command.domain.Checks.required;

/**
 * The events that bring an existing document in: the post-mortem created, marked as imported, then its content as the
 * ordinary events — each value checked as the command that writes it would check it, the caps of the post-mortem held;
 * one value at fault refuses the whole import (field names say where: {@code timeline[3].description}).
 */
public final class DocumentImport {

    private DocumentImport() {
    }

    public static List<PostMortemEvent> events(ImportPostMortem command, SeverityScale scale) {
        requireId("postMortemId", command.postMortemId());
        PostMortemDocument doc = command.document();
        if (doc == null) {
            throw new InvalidValueException("document", "is required");
        }
        String id = command.postMortemId();
        List<PostMortemEvent> events = new ArrayList<>();
        events.add(new PostMortemCreated(id, required("title", doc.title()), List.of(), List.of()));
        events.add(new PostMortemImported(id, "markdown", optional(command.sourceName()), required("sha256", command.sha256()),
                optional(doc.originalAuthor())));
        if (doc.meetingAt() != null && present(doc.contactPerson()) && present(doc.facilitatedBy())) {
            events.add(new MeetingDetailsRecorded(id, Bounds.instant("meetingAt", doc.meetingAt()), doc.contactPerson().strip(),
                    doc.facilitatedBy().strip()));
        }
        Map<String, Instant> times = doc.times() == null ? Map.of() : doc.times();
        Instant start = times.get(IncidentTimes.START);
        times.forEach((name, at) -> {
            String field = "times." + name;
            String normal = IncidentTimes.normalise(name);
            if (!IncidentTimes.isValidName(normal)) {
                throw new InvalidValueException(field, "not a time name: lower-case words joined by dashes (first-user-impact)");
            }
            Instant checked = Bounds.instant(field, at);
            if (start != null && (normal.equals(IncidentTimes.DETECT) || normal.equals(IncidentTimes.END)) && checked.isBefore(start)) {
                throw new InvalidValueException(field, "the incident's " + normal + " cannot be before its start (" + start + ")");
            }
            events.add(new IncidentTimeRecorded(id, normal, checked));
        });
        if (present(doc.severity())) {
            events.add(new SeverityAssessed(id, scale.find(doc.severity()).orElseThrow(() -> new InvalidValueException("severity",
                    "\"" + doc.severity() + "\" is not a level of this organisation's scale: " + scale.names()))));
        }
        List<PostMortemDocument.Entry> timeline = list(doc.timeline());
        requireAtMost("timeline", timeline.size(), PostMortem.MAX_TIMELINE_ENTRIES);
        for (int i = 0; i < timeline.size(); i++) {
            PostMortemDocument.Entry entry = timeline.get(i);
            String field = "timeline[" + i + "]";
            events.add(new TimelineEntryImported(id, UUID.randomUUID().toString(), Bounds.instant(field + ".occurredAt", entry.occurredAt()),
                    entry.kind() == null ? TimelineEntryKind.OBSERVATION : entry.kind(), required(field + ".description", entry.description()),
                    optional(entry.effect()), optional(entry.perspective()), "markdown", optional(command.sourceName()), "entry " + (i + 1)));
        }
        List<PostMortemDocument.Stakeholder> stakeholders = list(doc.stakeholders());
        requireAtMost("stakeholders", stakeholders.size(), PostMortem.MAX_STAKEHOLDERS);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < stakeholders.size(); i++) {
            PostMortemDocument.Stakeholder stakeholder = stakeholders.get(i);
            String field = "stakeholders[" + i + "]";
            String name = required(field + ".name", stakeholder.name());
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<StakeholderRole> roles = new ArrayList<>();
            for (String role : list(stakeholder.roles())) {
                roles.add(value(field + ".roles", role, StakeholderRole.class));
            }
            events.add(new StakeholderAdded(id, UUID.randomUUID().toString(), name,
                    roles.isEmpty() ? List.of(StakeholderRole.INTERESTED) : List.copyOf(EnumSet.copyOf(roles))));
        }
        List<PostMortemDocument.Why> whys = list(doc.fiveWhys());
        requireAtMost("fiveWhys", whys.size(), 20);
        for (int i = 0; i < whys.size(); i++) {
            PostMortemDocument.Why why = whys.get(i);
            events.add(new WhyAnswered(id, i + 1, required("fiveWhys[" + i + "].question", why.question()), optional(why.answer())));
        }
        if (present(doc.rootCause())) {
            events.add(new RootCauseIdentified(id, doc.rootCause().strip()));
        }
        if (present(doc.summary())) {
            events.add(new SummaryWritten(id, doc.summary().strip()));
        }
        if (present(doc.remediation())) {
            events.add(new RemediationWritten(id, doc.remediation().strip()));
        }
        if (present(doc.additionalInfo())) {
            events.add(new AdditionalInfoWritten(id, doc.additionalInfo().strip()));
        }
        List<PostMortemDocument.Ticket> tickets = list(doc.bugTickets());
        Set<String> references = new LinkedHashSet<>();
        for (int i = 0; i < tickets.size(); i++) {
            String reference = required("bugTickets[" + i + "].reference", tickets.get(i).reference());
            if (references.add(reference)) {
                String url = tickets.get(i).url();
                events.add(new BugTicketLinked(id, reference, present(url) ? Description.httpUrl("bugTickets[" + i + "].url", url.strip()) : ""));
            }
        }
        Labels.normaliseTags(list(doc.tags())).forEach(tag -> events.add(new TagAdded(id, tag)));
        List<PostMortemDocument.Countermeasure> countermeasures = list(doc.countermeasures());
        requireAtMost("countermeasures", countermeasures.size(), PostMortem.MAX_COUNTERMEASURES);
        for (int i = 0; i < countermeasures.size(); i++) {
            PostMortemDocument.Countermeasure c = countermeasures.get(i);
            String field = "countermeasures[" + i + "]";
            String cm = UUID.randomUUID().toString();
            events.add(new CountermeasureProposed(id, cm, required(field + ".title", c.title()), "",
                    present(c.priority()) ? value(field + ".priority", c.priority(), CountermeasurePriority.class) : CountermeasurePriority.MEDIUM,
                    present(c.type()) ? value(field + ".type", c.type(), CountermeasureType.class) : CountermeasureType.PREVENTIVE));
            if (present(c.owner()) && c.targetDate() != null) {
                events.add(new CountermeasureAssigned(id, cm, c.owner().strip(), Bounds.date(field + ".targetDate", c.targetDate())));
            }
            String status = present(c.status()) ? c.status().strip().toUpperCase(Locale.ROOT) : "PROPOSED";
            switch (status) {
                case "PROPOSED", "ASSIGNED" -> { }
                case "IN_PROGRESS" -> events.add(new CountermeasureStarted(id, cm));
                case "COMPLETED" -> events.add(new CountermeasureCompleted(id, cm, "completed before the import"));
                case "DECLINED" -> events.add(new CountermeasureDeclined(id, cm, "declined before the import"));
                default -> throw new InvalidValueException(field + ".status", "\"" + c.status()
                        + "\" is none of PROPOSED, ASSIGNED, IN_PROGRESS, COMPLETED, DECLINED");
            }
        }
        PostMortemDocument.Incident incident = doc.incident();
        if (incident != null && present(incident.provider()) && present(incident.incidentId())) {
            events.add(Description.incident(id, "incident.", incident.provider(), incident.incidentId(), incident.url()));
        }
        return events;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static void requireAtMost(String field, int count, int max) {
        if (count > max) {
            throw new InvalidValueException(field, "a post-mortem has at most " + max + " of these; the document has " + count);
        }
    }

    private static <E extends Enum<E>> E value(String field, String value, Class<E> type) {
        String name = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new InvalidValueException(field, "\"" + value + "\" is none of " + List.of(type.getEnumConstants()));
    }

}
