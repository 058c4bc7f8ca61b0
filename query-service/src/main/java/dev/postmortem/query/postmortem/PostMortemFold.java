package dev.postmortem.query.postmortem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.api.event.AdditionalInfoWritten;
import dev.postmortem.api.event.AffectedServiceAdded;
import dev.postmortem.api.event.AffectedServiceRemoved;
import dev.postmortem.api.event.BugTicketLinked;
import dev.postmortem.api.event.BugTicketUnlinked;
import dev.postmortem.api.event.IncidentLinked;
import dev.postmortem.api.event.PostMortemImported;
import dev.postmortem.api.event.IncidentUnlinked;
import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureBecameOverdue;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureRevised;
import dev.postmortem.api.event.CountermeasureRevisited;
import dev.postmortem.api.event.CountermeasureStarted;
import dev.postmortem.api.event.IncidentTimeCleared;
import dev.postmortem.api.event.IncidentTimeCorrected;
import dev.postmortem.api.event.IncidentTimeRecorded;
import dev.postmortem.api.event.MeetingDetailsRecorded;
import dev.postmortem.api.event.OwningTeamAdded;
import dev.postmortem.api.event.OwningTeamRemoved;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import dev.postmortem.api.event.RemediationWritten;
import dev.postmortem.api.event.ReturnedToDraft;
import dev.postmortem.api.event.RootCauseIdentified;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.SeverityRegraded;
import dev.postmortem.api.event.StakeholderAdded;
import dev.postmortem.api.event.StakeholderRemoved;
import dev.postmortem.api.event.StakeholderRolesChanged;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.SummaryWritten;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.event.TagRemoved;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.event.TimelineEntryCorrected;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.event.WhyRemoved;
import dev.postmortem.api.value.CountermeasureStatus;
import dev.postmortem.api.value.PostMortemStatus;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.stream.EventJson;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fold of a post-mortem's events into its view: {@code apply(state, event) -> new state}. Pure — the same
 * events give the same view, whether live, in a rebuild or "as of" a past time.
 */
public final class PostMortemFold {

    private static final ObjectMapper COPIER = EventJson.MAPPER;

    private PostMortemFold() {
    }

    /** Folds events, in order, into a view; an empty list gives an empty view (version -1). */
    public static PostMortemView fold(List<EventEnvelope> events) {
        PostMortemView view = new PostMortemView();
        for (EventEnvelope event : events) {
            applyInPlace(view, event);
        }
        return view;
    }

    /** The state after one more event. The given state is not modified. */
    public static PostMortemView apply(PostMortemView state, EventEnvelope envelope) {
        PostMortemView view = copy(state);
        applyInPlace(view, envelope);
        return view;
    }

    /**
     * Folds one more event into {@code view} itself, without the copy {@link #apply} makes (the copy was most of a
     * projection's CPU). For views the caller owns; if it throws, the view may be half-changed (see {@link WorkingViews}).
     */
    public static void applyInPlace(PostMortemView view, EventEnvelope envelope) {
        PostMortemEvent event = envelope.event();
        view.id = envelope.postMortemId();
        view.version = envelope.sequence();
        view.lastChangedAt = envelope.time();
        view.lastChangedBy = envelope.actor();

        if (event instanceof PostMortemCreated e) {
            view.title = e.title();
            view.status = PostMortemStatus.DRAFT.name();
            view.createdAt = envelope.time();
            view.createdBy = envelope.actor();
            if (e.restricted()) {
                restrict(view, e.restrictedToPeople(), e.restrictedToGroups());
            }
        } else if (event instanceof TitleChanged e) {
            view.title = e.title();
        } else if (event instanceof MeetingDetailsRecorded e) {
            view.meeting = new PostMortemView.Meeting();
            view.meeting.meetingAt = e.meetingAt();
            view.meeting.contactPerson = e.contactPerson();
            view.meeting.facilitatedBy = e.facilitatedBy();
        } else if (event instanceof IncidentTimeRecorded e) {
            view.times.put(e.name(), e.at());
        } else if (event instanceof IncidentTimeCorrected e) {
            view.times.put(e.name(), e.at());
        } else if (event instanceof IncidentTimeCleared e) {
            view.times.remove(e.name());
        } else if (event instanceof SeverityAssessed e) {
            view.severity = e.level();
        } else if (event instanceof SeverityRegraded e) {
            view.severity = e.level();
            view.severityRegrades++;
        } else if (event instanceof TimelineEntryAdded e) {
            fill(addEntry(view, envelope, e.entryId()), e.occurredAt(), e.kind().name(), e.description(), e.effect(), e.perspective());
            sortTimeline(view);
        } else if (event instanceof TimelineEntryImported e) {
            PostMortemView.TimelineEntry entry = addEntry(view, envelope, e.entryId());
            fill(entry, e.occurredAt(), e.kind().name(), e.description(), e.effect(), e.perspective());
            entry.importedFrom = new PostMortemView.ImportSource();
            entry.importedFrom.source = e.source();
            entry.importedFrom.name = e.sourceName().isEmpty() ? null : e.sourceName();
            entry.importedFrom.ref = e.sourceRef().isEmpty() ? null : e.sourceRef();
            sortTimeline(view);
        } else if (event instanceof TimelineEntryCorrected e) {
            timelineEntry(view, e.entryId()).ifPresent(entry ->
                    fill(entry, e.occurredAt(), e.kind().name(), e.description(), e.effect(), e.perspective()));
            sortTimeline(view);
        } else if (event instanceof TimelineEntryWithdrawn e) {
            timelineEntry(view, e.entryId()).ifPresent(entry -> entry.withdrawn = true);
        } else if (event instanceof StakeholderAdded e) {
            PostMortemView.Stakeholder stakeholder = new PostMortemView.Stakeholder();
            stakeholder.id = e.stakeholderId();
            stakeholder.name = e.name();
            stakeholder.roles = e.roles().stream().map(Enum::name).toList();
            view.stakeholders.add(stakeholder);
        } else if (event instanceof StakeholderRolesChanged e) {
            view.stakeholders.stream().filter(s -> s.id.equals(e.stakeholderId())).findFirst()
                             .ifPresent(s -> s.roles = e.roles().stream().map(Enum::name).toList());
        } else if (event instanceof StakeholderRemoved e) {
            view.stakeholders.removeIf(s -> s.id.equals(e.stakeholderId()));
        } else if (event instanceof WhyAnswered e) {
            PostMortemView.Why why = new PostMortemView.Why();
            why.step = e.step();
            why.question = e.question();
            why.answer = e.answer();
            view.fiveWhys.removeIf(w -> w.step == e.step());
            view.fiveWhys.add(why);
            view.fiveWhys.sort(Comparator.comparingInt(w -> w.step));
        } else if (event instanceof WhyRemoved e) {
            view.fiveWhys.removeIf(w -> w.step == e.step());
        } else if (event instanceof RootCauseIdentified e) {
            view.rootCause = e.rootCause();
        } else if (event instanceof SummaryWritten e) {
            view.summary = e.summary();
        } else if (event instanceof RemediationWritten e) {
            view.remediation = e.remediation();
        } else if (event instanceof AdditionalInfoWritten e) {
            view.additionalInfo = e.additionalInfo();
        } else if (event instanceof BugTicketLinked e) {
            view.bugTickets.removeIf(t -> t.reference.equals(e.reference()));
            PostMortemView.BugTicket ticket = new PostMortemView.BugTicket();
            ticket.reference = e.reference();
            ticket.url = e.url();
            view.bugTickets.add(ticket);
        } else if (event instanceof BugTicketUnlinked e) {
            view.bugTickets.removeIf(t -> t.reference.equals(e.reference()));
        } else if (event instanceof PostMortemImported e) {
            view.imported = new PostMortemView.Imported();
            view.imported.format = e.format();
            view.imported.sourceName = e.sourceName().isEmpty() ? null : e.sourceName();
            view.imported.sha256 = e.sha256();
            view.imported.originalAuthor = e.originalAuthor().isEmpty() ? null : e.originalAuthor();
            view.imported.at = envelope.time();
            view.imported.by = envelope.actor();
        } else if (event instanceof IncidentLinked e) {
            view.incident = new PostMortemView.Incident();
            view.incident.provider = e.provider();
            view.incident.incidentId = e.incidentId();
            view.incident.url = e.url() == null || e.url().isEmpty() ? null : e.url();
        } else if (event instanceof IncidentUnlinked) {
            view.incident = null;
        } else if (event instanceof TagAdded e) {
            addOnce(view.tags, e.tag());
        } else if (event instanceof TagRemoved e) {
            view.tags.remove(e.tag());
        } else if (event instanceof AffectedServiceAdded e) {
            addOnce(view.affectedServices, e.service());
        } else if (event instanceof AffectedServiceRemoved e) {
            view.affectedServices.remove(e.service());
        } else if (event instanceof OwningTeamAdded e) {
            addOnce(view.owningTeams, e.team());
        } else if (event instanceof OwningTeamRemoved e) {
            view.owningTeams.remove(e.team());
        } else if (event instanceof CountermeasureProposed e) {
            PostMortemView.Countermeasure countermeasure = new PostMortemView.Countermeasure();
            countermeasure.id = e.countermeasureId();
            countermeasure.title = e.title();
            countermeasure.description = e.description();
            countermeasure.priority = e.priority().name();
            countermeasure.type = e.type().name();
            countermeasure.status = CountermeasureStatus.PROPOSED.name();
            countermeasure.proposedAt = envelope.time();
            view.countermeasures.add(countermeasure);
        } else if (event instanceof CountermeasureRevised e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> {
                c.title = e.title();
                c.description = e.description();
                c.priority = e.priority().name();
                c.type = e.type().name();
            });
        } else if (event instanceof CountermeasureAssigned e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> {
                c.owner = e.owner();
                c.targetDate = e.targetDate();
                if (CountermeasureStatus.PROPOSED.name().equals(c.status)) {
                    c.status = CountermeasureStatus.ASSIGNED.name();
                }
            });
        } else if (event instanceof CountermeasureStarted e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> c.status = CountermeasureStatus.IN_PROGRESS.name());
        } else if (event instanceof CountermeasureCompleted e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> {
                c.status = CountermeasureStatus.COMPLETED.name();
                c.completedAt = envelope.time();
                c.completionNote = e.note();
            });
        } else if (event instanceof CountermeasureDeclined e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> {
                c.status = CountermeasureStatus.DECLINED.name();
                c.declinedReason = e.reason();
            });
        } else if (event instanceof CountermeasureBecameOverdue e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> c.overdueAnnouncedFor = e.targetDate());
        } else if (event instanceof CountermeasureRevisited e) {
            countermeasure(view, e.countermeasureId()).ifPresent(c -> {
                PostMortemView.Revisit revisit = new PostMortemView.Revisit();
                revisit.verdict = e.verdict().name();
                revisit.note = e.note();
                revisit.at = envelope.time();
                revisit.by = envelope.actor();
                c.revisits.add(revisit);
            });
        } else if (event instanceof PostMortemRestricted e) {
            restrict(view, e.people(), e.groups());
        } else if (event instanceof PostMortemUnrestricted) {
            restrict(view, List.of(), List.of());
        } else if (event instanceof SubmittedForReview) {
            view.status = PostMortemStatus.IN_REVIEW.name();
            view.review.submittedBy = envelope.actor();
            view.review.submittedAt = envelope.time();
        } else if (event instanceof ReturnedToDraft) {
            view.status = PostMortemStatus.DRAFT.name();
        } else if (event instanceof PostMortemPublished) {
            view.status = PostMortemStatus.PUBLISHED.name();
            view.publishedAt = envelope.time();
        } else {
            ReviewFold.applyInPlace(view.review, envelope);
        }
    }

    /** A deep copy, so that folding never touches the state it starts from. */
    public static PostMortemView copy(PostMortemView view) {
        return COPIER.convertValue(view, PostMortemView.class);
    }

    /** A new entry, added by the event's actor at its time; in time order once {@link #fill filled} and sorted. */
    private static PostMortemView.TimelineEntry addEntry(PostMortemView view, EventEnvelope envelope, String entryId) {
        PostMortemView.TimelineEntry entry = new PostMortemView.TimelineEntry();
        entry.id = entryId;
        entry.addedAt = envelope.time();
        entry.addedBy = envelope.actor();
        view.timeline.add(entry);
        return entry;
    }

    private static void fill(PostMortemView.TimelineEntry entry, Instant occurredAt, String kind, String description,
                             String effect, String perspective) {
        entry.occurredAt = occurredAt;
        entry.kind = kind;
        entry.description = description;
        entry.effect = effect;
        entry.perspective = perspective;
    }

    /** Chronological, entries at the same moment in the order they were added. */
    private static void sortTimeline(PostMortemView view) {
        view.timeline.sort(Comparator.comparing((PostMortemView.TimelineEntry entry) -> entry.occurredAt));
    }

    private static Optional<PostMortemView.TimelineEntry> timelineEntry(PostMortemView view, String entryId) {
        return view.timeline.stream().filter(entry -> entry.id.equals(entryId)).findFirst();
    }

    private static Optional<PostMortemView.Countermeasure> countermeasure(PostMortemView view, String countermeasureId) {
        return view.countermeasures.stream().filter(c -> c.id.equals(countermeasureId)).findFirst();
    }

    private static void addOnce(List<String> values, String value) {
        if (!values.contains(value)) {
            values.add(value);
        }
    }

    /** Restricts the view to these people and groups, or opens it when both are empty. */
    public static void restrict(PostMortemView view, List<String> people, List<String> groups) {
        if (people.isEmpty() && groups.isEmpty()) {
            view.restriction = null;
            view.visibleTo = null;
            return;
        }
        view.restriction = new PostMortemView.Restriction();
        view.restriction.people = List.copyOf(people);
        view.restriction.groups = List.copyOf(groups);
        view.visibleTo = Viewer.principals(people, groups);
    }
}
