package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.AddStakeholder;
import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.ChangeStakeholderRoles;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.ClearIncidentTime;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.command.PostMortemCommand;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.ProposeCountermeasure;
import dev.postmortem.api.command.Publish;
import dev.postmortem.api.command.RecordMeetingDetails;
import dev.postmortem.api.command.RemoveStakeholder;
import dev.postmortem.api.command.RemoveWhy;
import dev.postmortem.api.command.ReplaceAffectedServices;
import dev.postmortem.api.command.ReplaceBugTickets;
import dev.postmortem.api.command.ReplaceOwningTeams;
import dev.postmortem.api.command.ReplaceTags;
import dev.postmortem.api.command.ReturnToDraft;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.SetIncidentTime;
import dev.postmortem.api.command.SetSeverity;
import dev.postmortem.api.command.StartCountermeasure;
import dev.postmortem.api.command.SubmitForReview;
import dev.postmortem.api.command.WithdrawTimelineEntry;
import dev.postmortem.api.command.WriteDescription;
import dev.postmortem.api.event.AdditionalInfoWritten;
import dev.postmortem.api.event.AffectedServiceAdded;
import dev.postmortem.api.event.AffectedServiceRemoved;
import dev.postmortem.api.event.BugTicketLinked;
import dev.postmortem.api.event.BugTicketUnlinked;
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
import dev.postmortem.api.event.PostMortemPublished;
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
import dev.postmortem.api.event.TimelineEntryCorrected;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.event.WhyRemoved;
import dev.postmortem.api.value.BugTicket;
import dev.postmortem.api.value.CountermeasureStatus;
import dev.postmortem.api.value.IncidentTimes;
import dev.postmortem.api.value.Labels;
import dev.postmortem.api.value.PostMortemStatus;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.postmortem.PostMortemRuleViolation.Violation;
import dev.postmortem.command.config.AuditMetaData;
import dev.postmortem.command.severity.SeverityScale;
import org.axonframework.commandhandling.CommandHandler;
import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.UnrestrictPostMortem;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One post-mortem: the incident's times, severity, timeline, stakeholders, 5 whys, description, countermeasures and
 * lifecycle. Every handler validates, then applies events; state changes only in the event sourcing handlers. A
 * command that changes nothing applies nothing. Each handler returns the aggregate's version after the command,
 * which the API hands out as the ETag.
 */
@Aggregate(cache = "postMortemCache")
public class PostMortem {

    @AggregateIdentifier
    private String postMortemId;
    private PostMortemStatus status;
    private String title;
    private Instant meetingAt;
    private String contactPerson;
    private String facilitatedBy;
    private final Map<String, Instant> times = new HashMap<>();
    private String severity;
    private final Map<String, TimelineEntry> timeline = new LinkedHashMap<>();
    private final Map<String, Stakeholder> stakeholders = new LinkedHashMap<>();
    private final List<Why> whys = new ArrayList<>();
    private String rootCause = "";
    private String summary = "";
    private String remediation = "";
    private String additionalInfo = "";
    private final Map<String, String> bugTickets = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> affectedServices = new LinkedHashSet<>();
    private final Set<String> owningTeams = new LinkedHashSet<>();
    private final Map<String, Countermeasure> countermeasures = new LinkedHashMap<>();
    /** Who may see and change it when restricted; both empty when it is open to every reader. */
    private List<String> restrictedPeople = List.of();
    private List<String> restrictedGroups = List.of();
    /** The UTF-8 size of all the text its view holds, kept by the event sourcing handlers (see {@link Bounds}). */
    private long textBytes;

    protected PostMortem() {
        // For Axon: the aggregate is rebuilt from its events.
    }

    /** Created open, or restricted from its first event on (the creator always among the people it names). */
    @CommandHandler
    public PostMortem(CreatePostMortem command, @MetaDataValue(AuditMetaData.ACTOR) String actor) {
        requireId("postMortemId", command.postMortemId());
        String newTitle = required("title", command.title());
        List<String> people = names("restrictedToPeople", command.restrictedToPeople());
        List<String> groups = names("restrictedToGroups", command.restrictedToGroups());
        if (!(people.isEmpty() && groups.isEmpty())) {
            people = withActor(people, actor);
        }
        apply(new PostMortemCreated(command.postMortemId(), newTitle, people, groups));
    }

    @CommandHandler
    public long handle(ChangeTitle command) {
        String newTitle = required("title", command.title());
        if (!newTitle.equals(title)) {
            apply(new TitleChanged(postMortemId, newTitle));
        }
        return version();
    }

    @CommandHandler
    public long handle(RecordMeetingDetails command) {
        Instant newMeetingAt = Bounds.instant("meetingAt", command.meetingAt());
        String newContact = required("contactPerson", command.contactPerson());
        String newFacilitator = required("facilitatedBy", command.facilitatedBy());
        if (!(newMeetingAt.equals(meetingAt) && newContact.equals(contactPerson) && newFacilitator.equals(facilitatedBy))) {
            apply(new MeetingDetailsRecorded(postMortemId, newMeetingAt, newContact, newFacilitator));
        }
        return version();
    }

    // ---- incident times -------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(SetIncidentTime command) {
        String name = timeName(command.name());
        Instant at = Bounds.instant("at", command.at());
        Instant previous = times.get(name);
        if (at.equals(previous)) {
            return version();
        }
        Map<String, Instant> proposed = new HashMap<>(times);
        proposed.put(name, at);
        checkTimeOrder(proposed);
        apply(previous == null
                ? new IncidentTimeRecorded(postMortemId, name, at)
                : new IncidentTimeCorrected(postMortemId, name, previous, at));
        return version();
    }

    @CommandHandler
    public long handle(ClearIncidentTime command) {
        String name = timeName(command.name());
        Instant previous = times.get(name);
        if (previous != null) {
            apply(new IncidentTimeCleared(postMortemId, name, previous));
        }
        return version();
    }

    private static void checkTimeOrder(Map<String, Instant> proposed) {
        Instant start = proposed.get(IncidentTimes.START);
        if (start == null) {
            return;
        }
        for (String later : List.of(IncidentTimes.DETECT, IncidentTimes.END)) {
            Instant time = proposed.get(later);
            if (time != null && time.isBefore(start)) {
                throw new InvalidValueException("at",
                        "the incident's " + later + " (" + time + ") cannot be before its start (" + start + ")");
            }
        }
    }

    // ---- severity -------------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(SetSeverity command, SeverityScale scale) {
        if (command.level() == null || command.level().isBlank()) {
            throw new InvalidValueException("level", "must not be blank; one of: " + scale.names());
        }
        String level = scale.find(command.level()).orElseThrow(() -> new InvalidValueException("level",
                "'" + command.level().strip() + "' is not a severity level; one of: " + scale.names()));
        if (level.equals(severity)) {
            return version();
        }
        apply(severity == null
                ? new SeverityAssessed(postMortemId, level)
                : new SeverityRegraded(postMortemId, severity, level));
        return version();
    }

    // ---- timeline -------------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(AddTimelineEntry command) {
        requireId("entryId", command.entryId());
        if (timeline.containsKey(command.entryId())) {
            throw new StateConflictException("entryId", "the timeline already has an entry " + command.entryId());
        }
        requireRoom("timeline", timeline.size(), MAX_TIMELINE_ENTRIES);
        apply(new TimelineEntryAdded(postMortemId, command.entryId(),
                Bounds.instant("occurredAt", command.occurredAt()), requiredValue("kind", command.kind()),
                required("description", command.description()), optional(command.effect()), optional(command.perspective())));
        return version();
    }

    @CommandHandler
    public long handle(CorrectTimelineEntry command) {
        TimelineEntry entry = timelineEntry(command.entryId());
        if (entry.withdrawn()) {
            throw new StateConflictException("entryId", "timeline entry " + command.entryId() + " was withdrawn and cannot be corrected");
        }
        Instant occurredAt = Bounds.instant("occurredAt", command.occurredAt());
        TimelineEntryKind kind = requiredValue("kind", command.kind());
        String description = required("description", command.description());
        String effect = optional(command.effect());
        String perspective = optional(command.perspective());
        if (!entry.sameContent(occurredAt, kind, description, effect, perspective)) {
            apply(new TimelineEntryCorrected(postMortemId, command.entryId(), occurredAt, kind, description, effect, perspective));
        }
        return version();
    }

    @CommandHandler
    public long handle(WithdrawTimelineEntry command) {
        if (!timelineEntry(command.entryId()).withdrawn()) {
            apply(new TimelineEntryWithdrawn(postMortemId, command.entryId()));
        }
        return version();
    }

    private TimelineEntry timelineEntry(String entryId) {
        TimelineEntry entry = entryId == null ? null : timeline.get(entryId);
        if (entry == null) {
            throw new UnknownPartException("entryId", "the post-mortem has no timeline entry " + entryId);
        }
        return entry;
    }

    // ---- stakeholders ---------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(AddStakeholder command) {
        requireId("stakeholderId", command.stakeholderId());
        if (stakeholders.containsKey(command.stakeholderId())) {
            throw new StateConflictException("stakeholderId", "the post-mortem already has a stakeholder " + command.stakeholderId());
        }
        requireRoom("stakeholders", stakeholders.size(), MAX_STAKEHOLDERS);
        String name = required("name", command.name());
        List<StakeholderRole> roles = roles(command.roles());
        if (stakeholders.values().stream().anyMatch(existing -> existing.name().equalsIgnoreCase(name))) {
            throw new StateConflictException("name", name + " is already a stakeholder; change their roles instead");
        }
        apply(new StakeholderAdded(postMortemId, command.stakeholderId(), name, roles));
        return version();
    }

    @CommandHandler
    public long handle(ChangeStakeholderRoles command) {
        Stakeholder stakeholder = stakeholder(command.stakeholderId());
        List<StakeholderRole> roles = roles(command.roles());
        if (!roles.equals(stakeholder.roles())) {
            apply(new StakeholderRolesChanged(postMortemId, command.stakeholderId(), roles));
        }
        return version();
    }

    @CommandHandler
    public long handle(RemoveStakeholder command) {
        stakeholder(command.stakeholderId());
        apply(new StakeholderRemoved(postMortemId, command.stakeholderId()));
        return version();
    }

    private Stakeholder stakeholder(String stakeholderId) {
        Stakeholder stakeholder = stakeholderId == null ? null : stakeholders.get(stakeholderId);
        if (stakeholder == null) {
            throw new UnknownPartException("stakeholderId", "the post-mortem has no stakeholder " + stakeholderId);
        }
        return stakeholder;
    }

    /** Roles in their natural order, so that the same set always makes the same event. */
    private static List<StakeholderRole> roles(Set<StakeholderRole> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException("roles", "a stakeholder needs at least one role");
        }
        return List.copyOf(EnumSet.copyOf(roles));
    }

    // ---- 5 whys ---------------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(AnswerWhy command) {
        int step = command.step();
        if (step == whys.size() + 1) {
            requireRoom("step", whys.size(), MAX_WHYS);
        }
        if (step < 1 || step > whys.size() + 1) {
            throw new InvalidValueException("step", "the 5 whys have " + whys.size()
                    + " step(s); answer one of them or step " + (whys.size() + 1) + ", not " + step);
        }
        Why why = new Why(required("question", command.question()), required("answer", command.answer()));
        if (step > whys.size() || !whys.get(step - 1).equals(why)) {
            apply(new WhyAnswered(postMortemId, step, why.question(), why.answer()));
        }
        return version();
    }

    @CommandHandler
    public long handle(RemoveWhy command) {
        int step = command.step();
        if (step < 1 || step > whys.size()) {
            throw new UnknownPartException("step", "the 5 whys have no step " + step);
        }
        if (step != whys.size()) {
            throw new StateConflictException("step", "only the last step (" + whys.size() + ") can be removed; the chain stays in order");
        }
        apply(new WhyRemoved(postMortemId, step));
        return version();
    }

    @CommandHandler
    public long handle(IdentifyRootCause command) {
        String cause = optional(command.rootCause());
        if (!cause.equals(rootCause)) {
            apply(new RootCauseIdentified(postMortemId, cause));
        }
        return version();
    }

    // ---- description, bug tickets, labels -------------------------------------------------------------------

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
    public long handle(ReplaceTags command) {
        replaceLabels(tags, Labels.normaliseTags(command.tags()), "tags",
                (id, tag) -> new TagAdded(id, tag), (id, tag) -> new TagRemoved(id, tag));
        return version();
    }

    @CommandHandler
    public long handle(ReplaceAffectedServices command) {
        replaceLabels(affectedServices, Labels.normaliseNames(command.services()), "services",
                (id, service) -> new AffectedServiceAdded(id, service), (id, service) -> new AffectedServiceRemoved(id, service));
        return version();
    }

    @CommandHandler
    public long handle(ReplaceOwningTeams command) {
        replaceLabels(owningTeams, Labels.normaliseNames(command.teams()), "teams",
                (id, team) -> new OwningTeamAdded(id, team), (id, team) -> new OwningTeamRemoved(id, team));
        return version();
    }

    private void replaceLabels(Set<String> current, Set<String> wanted, String field,
                               BiFunction<String, String, Object> added, BiFunction<String, String, Object> removed) {
        wanted.stream().filter(label -> label.length() > MAX_LABEL_LENGTH).findFirst().ifPresent(label -> {
            throw new InvalidValueException(field, "'" + label + "' is longer than " + MAX_LABEL_LENGTH + " characters");
        });
        current.stream().filter(label -> !wanted.contains(label)).toList()
               .forEach(label -> apply(removed.apply(postMortemId, label)));
        wanted.stream().filter(label -> !current.contains(label)).toList()
              .forEach(label -> apply(added.apply(postMortemId, label)));
    }

    static final int MAX_LABEL_LENGTH = 100;

    // ---- countermeasures ------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(ProposeCountermeasure command) {
        requireId("countermeasureId", command.countermeasureId());
        if (countermeasures.containsKey(command.countermeasureId())) {
            throw new StateConflictException("countermeasureId", "the post-mortem already has a countermeasure " + command.countermeasureId());
        }
        requireRoom("countermeasures", countermeasures.size(), MAX_COUNTERMEASURES);
        apply(new CountermeasureProposed(postMortemId, command.countermeasureId(), required("title", command.title()),
                optional(command.description()), requiredValue("priority", command.priority()), requiredValue("type", command.type())));
        return version();
    }

    @CommandHandler
    public long handle(ReviseCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        Countermeasure revised = countermeasure.revised(required("title", command.title()), optional(command.description()),
                requiredValue("priority", command.priority()), requiredValue("type", command.type()));
        if (!revised.equals(countermeasure)) {
            apply(new CountermeasureRevised(postMortemId, command.countermeasureId(), revised.title(), revised.description(),
                    revised.priority(), revised.type()));
        }
        return version();
    }

    @CommandHandler
    public long handle(AssignCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        String owner = required("owner", command.owner());
        var targetDate = Bounds.date("targetDate", command.targetDate());
        requireOpen(command.countermeasureId(), countermeasure, "assigned");
        if (!(owner.equals(countermeasure.owner()) && targetDate.equals(countermeasure.targetDate()))) {
            apply(new CountermeasureAssigned(postMortemId, command.countermeasureId(), owner, targetDate));
        }
        return version();
    }

    @CommandHandler
    public long handle(StartCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        switch (countermeasure.status()) {
            case PROPOSED -> throw new StateConflictException("countermeasureId",
                    "countermeasure " + command.countermeasureId() + " has no owner yet: assign it before starting it");
            case ASSIGNED -> apply(new CountermeasureStarted(postMortemId, command.countermeasureId()));
            case IN_PROGRESS -> { /* already started */ }
            case COMPLETED, DECLINED -> requireOpen(command.countermeasureId(), countermeasure, "started");
        }
        return version();
    }

    @CommandHandler
    public long handle(CompleteCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        switch (countermeasure.status()) {
            case PROPOSED -> throw new StateConflictException("countermeasureId",
                    "countermeasure " + command.countermeasureId() + " has no owner yet: it cannot be completed before it is assigned");
            case ASSIGNED, IN_PROGRESS -> apply(new CountermeasureCompleted(postMortemId, command.countermeasureId(), optional(command.note())));
            case COMPLETED -> { /* already completed */ }
            case DECLINED -> requireOpen(command.countermeasureId(), countermeasure, "completed");
        }
        return version();
    }

    @CommandHandler
    public long handle(DeclineCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        String reason = required("reason", command.reason());
        if (countermeasure.status() == CountermeasureStatus.DECLINED) {
            return version();
        }
        requireOpen(command.countermeasureId(), countermeasure, "declined");
        apply(new CountermeasureDeclined(postMortemId, command.countermeasureId(), reason));
        return version();
    }

    /** Every revisit is a fact of its own, even with the same verdict: "checked again, still effective" matters. */
    @CommandHandler
    public long handle(RevisitCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        var verdict = requiredValue("verdict", command.verdict());
        if (countermeasure.status() != CountermeasureStatus.COMPLETED) {
            throw new StateConflictException("countermeasureId", "countermeasure " + command.countermeasureId()
                    + " is " + countermeasure.status() + "; only completed countermeasures are revisited");
        }
        requireRoom("revisits", countermeasure.revisits(), Bounds.MAX_REVISITS);
        apply(new CountermeasureRevisited(postMortemId, command.countermeasureId(), verdict, optional(command.note())));
        return version();
    }

    /**
     * Sent by the overdue watch: announces an open countermeasure whose target date has passed, once per target
     * date. A countermeasure completed, declined or re-planned in the meantime is simply not announced.
     */
    @CommandHandler
    public long handle(AnnounceOverdueCountermeasure command) {
        Countermeasure countermeasure = countermeasure(command.countermeasureId());
        var today = requiredValue("today", command.today());
        if (countermeasure.dueForOverdueAnnouncement(today)) {
            apply(new CountermeasureBecameOverdue(postMortemId, command.countermeasureId(), countermeasure.owner(),
                    countermeasure.targetDate()));
        }
        return version();
    }

    private Countermeasure countermeasure(String countermeasureId) {
        Countermeasure countermeasure = countermeasureId == null ? null : countermeasures.get(countermeasureId);
        if (countermeasure == null) {
            throw new UnknownPartException("countermeasureId", "the post-mortem has no countermeasure " + countermeasureId);
        }
        return countermeasure;
    }

    private static void requireOpen(String countermeasureId, Countermeasure countermeasure, String action) {
        if (!countermeasure.status().isOpen()) {
            throw new StateConflictException("countermeasureId", "countermeasure " + countermeasureId + " is "
                    + countermeasure.status() + " and can no longer be " + action);
        }
    }

    // ---- restriction ----------------------------------------------------------------------------------------

    /** Metadata key: the groups of the user sending a command (not copied onto events). */
    public static final String GROUPS = "groups";
    /** Metadata key set only by the service's own jobs (the overdue watch), never from a request. */
    public static final String TRUSTED_SYSTEM = "trustedSystem";
    static final int MAX_RESTRICTION_ENTRIES = 50;

    /**
     * Runs around every command to an existing post-mortem, in this order:
     * <ol>
     *   <li>A restricted post-mortem does not exist for anyone it is not restricted to: their command is answered as
     *       for an unknown id, so that not even its existence leaks — before anything else is looked at, including
     *       the version they expect ({@code If-Match}), which would otherwise tell them its current version.</li>
     *   <li>The version the sender expects, if any: a stale one is a conflict (412).</li>
     *   <li>After the command: the post-mortem's bounds (its size and number of changes, {@link Bounds}). A command
     *       that would cross one is refused and nothing of it is stored (the unit of work rolls back, and Axon drops
     *       the aggregate from its cache with it). A command that does not grow the text passes the size bound.</li>
     * </ol>
     * The service's own jobs (the overdue watch) are trusted: neither restricted nor bounded.
     */
    @CommandHandlerInterceptor
    public Object guard(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        boolean trusted = Boolean.TRUE.equals(command.getMetaData().get(TRUSTED_SYSTEM));
        if (!(restrictedPeople.isEmpty() && restrictedGroups.isEmpty()) && !trusted
                && !mayAccess(command.getMetaData().get(AuditMetaData.ACTOR), command.getMetaData().get(GROUPS))) {
            throw new AggregateNotFoundException(postMortemId, "There is no post-mortem " + postMortemId + ".");
        }
        if (command.getPayload() instanceof PostMortemCommand sent && sent.expectedVersion() != null
                && sent.expectedVersion() != version()) {
            throw new ConflictingAggregateVersionException(postMortemId, sent.expectedVersion(), version());
        }
        long textBytesBefore = textBytes;
        Object result = chain.proceed();
        if (!trusted) {
            // Only growth is refused: a post-mortem stored over the bound before it existed can still be trimmed.
            if (textBytes > Bounds.MAX_TEXT_BYTES && textBytes > textBytesBefore) {
                throw new InvalidValueException("postMortem", "a post-mortem holds at most " + Bounds.MAX_TEXT_BYTES
                        + " bytes of text in all (UTF-8); with this change it would hold " + textBytes);
            }
            if (version() >= Bounds.MAX_EVENTS) {
                throw new InvalidValueException("postMortem", "a post-mortem takes at most " + Bounds.MAX_EVENTS
                        + " changes; this one has had them all");
            }
        }
        return result;
    }

    private boolean mayAccess(Object actor, Object groups) {
        if (actor != null && restrictedPeople.contains(actor.toString())) {
            return true;
        }
        if (groups instanceof Collection<?> memberships) {
            return memberships.stream().map(String::valueOf).anyMatch(restrictedGroups::contains);
        }
        return false;
    }

    @CommandHandler
    public long handle(RestrictPostMortem command, @MetaDataValue(AuditMetaData.ACTOR) String actor) {
        List<String> people = names("people", command.people());
        List<String> groups = names("groups", command.groups());
        if (people.isEmpty() && groups.isEmpty()) {
            throw new InvalidValueException("people", "name at least one person or group to restrict the post-mortem to");
        }
        people = withActor(people, actor);
        if (!(people.equals(restrictedPeople) && groups.equals(restrictedGroups))) {
            apply(new PostMortemRestricted(postMortemId, people, groups));
        }
        return version();
    }

    @CommandHandler
    public long handle(UnrestrictPostMortem command) {
        if (!(restrictedPeople.isEmpty() && restrictedGroups.isEmpty())) {
            apply(new PostMortemUnrestricted(postMortemId));
        }
        return version();
    }

    /** The people of a restriction, with the user setting it: nobody restricts a post-mortem away from themselves. */
    private static List<String> withActor(List<String> people, String actor) {
        if (actor == null || actor.isBlank() || people.contains(actor)) {
            return people;
        }
        return java.util.stream.Stream.concat(people.stream(), java.util.stream.Stream.of(actor)).toList();
    }

    private static List<String> names(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_RESTRICTION_ENTRIES) {
            throw new InvalidValueException(field, "at most " + MAX_RESTRICTION_ENTRIES + " entries");
        }
        List<String> names = new ArrayList<>();
        for (String value : values) {
            String name = required(field, value);
            if (name.length() > 200) {
                throw new InvalidValueException(field, "each entry at most 200 characters");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    @CommandHandler
    public long handle(SubmitForReview command) {
        switch (status) {
            case DRAFT -> apply(new SubmittedForReview(postMortemId));
            case IN_REVIEW -> { /* already in review */ }
            case PUBLISHED -> throw new StateConflictException("status", "the post-mortem is already published");
        }
        return version();
    }

    @CommandHandler
    public long handle(ReturnToDraft command) {
        switch (status) {
            case IN_REVIEW -> apply(new ReturnedToDraft(postMortemId));
            case DRAFT -> { /* already a draft */ }
            case PUBLISHED -> throw new StateConflictException("status",
                    "a published post-mortem stays published; correct it with further changes instead");
        }
        return version();
    }

    @CommandHandler
    public long handle(Publish command) {
        switch (status) {
            case DRAFT -> throw new StateConflictException("status", "the post-mortem is a draft: submit it for review first");
            case IN_REVIEW -> {
                List<Violation> missing = publicationRequirements();
                if (!missing.isEmpty()) {
                    throw new StateConflictException("the post-mortem is not ready to publish: " + missing.size()
                            + " requirement(s) not met", missing);
                }
                apply(new PostMortemPublished(postMortemId));
            }
            case PUBLISHED -> { /* already published */ }
        }
        return version();
    }

    /** What the practice asks of a post-mortem before the organisation reads it. */
    private List<Violation> publicationRequirements() {
        List<Violation> missing = new ArrayList<>();
        if (severity == null) {
            missing.add(new Violation("severity", "set the incident's severity"));
        }
        if (summary.isEmpty()) {
            missing.add(new Violation("summary", "write a short summary"));
        }
        if (timeline.values().stream().allMatch(TimelineEntry::withdrawn)) {
            missing.add(new Violation("timeline", "add at least one timeline entry"));
        }
        countermeasures.forEach((id, countermeasure) -> {
            if (countermeasure.status().isOpen() && !countermeasure.hasOwnerAndTargetDate()) {
                missing.add(new Violation("countermeasures[" + id + "]",
                        "countermeasure '" + countermeasure.title() + "' needs an owner and a target date"));
            }
        });
        return missing;
    }

    // ---- validation helpers ---------------------------------------------------------------------------------

    /** Caps that keep one post-mortem readable and its event stream bounded; withdrawn entries count too. */
    static final int MAX_TIMELINE_ENTRIES = 500;
    static final int MAX_STAKEHOLDERS = 100;
    static final int MAX_WHYS = 20;
    static final int MAX_COUNTERMEASURES = 100;

    private static void requireRoom(String field, int current, int max) {
        if (current >= max) {
            throw new InvalidValueException(field, "a post-mortem has at most " + max + " of these; it has " + current);
        }
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    private static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        return value.strip();
    }

    private static <T> T requiredValue(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    private static String optional(String value) {
        return value == null ? "" : value.strip();
    }

    private static String timeName(String raw) {
        String name = IncidentTimes.normalise(raw);
        if (!IncidentTimes.isValidName(name)) {
            throw new InvalidValueException("name", "'" + raw + "' is not a time name: use lower-case words joined by dashes, "
                    + "e.g. one of " + IncidentTimes.WELL_KNOWN);
        }
        return name;
    }

    private static String httpUrl(String field, String value) {
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

    // ---- event sourcing handlers: the only place state changes ----------------------------------------------

    @EventSourcingHandler
    void on(PostMortemCreated event) {
        postMortemId = event.postMortemId();
        title = event.title();
        status = PostMortemStatus.DRAFT;
        restrictedPeople = event.restrictedToPeople();
        restrictedGroups = event.restrictedToGroups();
        textBytes = Bounds.bytes(title) + Bounds.bytes(restrictedPeople) + Bounds.bytes(restrictedGroups);
    }

    @EventSourcingHandler
    void on(PostMortemRestricted event) {
        textBytes += Bounds.bytes(event.people()) + Bounds.bytes(event.groups())
                - Bounds.bytes(restrictedPeople) - Bounds.bytes(restrictedGroups);
        restrictedPeople = List.copyOf(event.people());
        restrictedGroups = List.copyOf(event.groups());
    }

    @EventSourcingHandler
    void on(PostMortemUnrestricted event) {
        textBytes -= Bounds.bytes(restrictedPeople) + Bounds.bytes(restrictedGroups);
        restrictedPeople = List.of();
        restrictedGroups = List.of();
    }

    @EventSourcingHandler
    void on(TitleChanged event) {
        textBytes += Bounds.bytes(event.title()) - Bounds.bytes(title);
        title = event.title();
    }

    @EventSourcingHandler
    void on(MeetingDetailsRecorded event) {
        textBytes += Bounds.bytes(event.contactPerson()) + Bounds.bytes(event.facilitatedBy())
                - Bounds.bytes(contactPerson) - Bounds.bytes(facilitatedBy);
        meetingAt = event.meetingAt();
        contactPerson = event.contactPerson();
        facilitatedBy = event.facilitatedBy();
    }

    @EventSourcingHandler
    void on(IncidentTimeRecorded event) {
        textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.name());
        times.put(event.name(), event.at());
    }

    @EventSourcingHandler
    void on(IncidentTimeCorrected event) {
        times.put(event.name(), event.at());
    }

    @EventSourcingHandler
    void on(IncidentTimeCleared event) {
        textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(event.name());
        times.remove(event.name());
    }

    @EventSourcingHandler
    void on(SeverityAssessed event) {
        severity = event.level();
    }

    @EventSourcingHandler
    void on(SeverityRegraded event) {
        severity = event.level();
    }

    @EventSourcingHandler
    void on(TimelineEntryAdded event) {
        textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.description()) + Bounds.bytes(event.effect()) + Bounds.bytes(event.perspective());
        timeline.put(event.entryId(), new TimelineEntry(event.occurredAt(), event.kind(), event.description(), event.effect(),
                event.perspective(), false));
    }

    @EventSourcingHandler
    void on(TimelineEntryCorrected event) {
        TimelineEntry before = timeline.get(event.entryId());
        if (before != null) {
            textBytes += Bounds.bytes(event.description()) + Bounds.bytes(event.effect()) + Bounds.bytes(event.perspective())
                    - Bounds.bytes(before.description()) - Bounds.bytes(before.effect()) - Bounds.bytes(before.perspective());
        }
        timeline.put(event.entryId(), new TimelineEntry(event.occurredAt(), event.kind(), event.description(), event.effect(),
                event.perspective(), false));
    }

    @EventSourcingHandler
    void on(TimelineEntryWithdrawn event) {
        timeline.computeIfPresent(event.entryId(), (id, entry) -> entry.withdraw());
    }

    @EventSourcingHandler
    void on(StakeholderAdded event) {
        textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.name());
        stakeholders.put(event.stakeholderId(), new Stakeholder(event.name(), List.copyOf(event.roles())));
    }

    @EventSourcingHandler
    void on(StakeholderRolesChanged event) {
        stakeholders.computeIfPresent(event.stakeholderId(), (id, s) -> new Stakeholder(s.name(), List.copyOf(event.roles())));
    }

    @EventSourcingHandler
    void on(StakeholderRemoved event) {
        Stakeholder removed = stakeholders.remove(event.stakeholderId());
        if (removed != null) {
            textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(removed.name());
        }
    }

    @EventSourcingHandler
    void on(WhyAnswered event) {
        Why why = new Why(event.question(), event.answer());
        textBytes += Bounds.bytes(why.question()) + Bounds.bytes(why.answer());
        if (event.step() > whys.size()) {
            textBytes += Bounds.ENTRY_BYTES;
            whys.add(why);
        } else {
            Why before = whys.set(event.step() - 1, why);
            textBytes -= Bounds.bytes(before.question()) + Bounds.bytes(before.answer());
        }
    }

    @EventSourcingHandler
    void on(WhyRemoved event) {
        Why removed = whys.remove(event.step() - 1);
        textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(removed.question()) + Bounds.bytes(removed.answer());
    }

    @EventSourcingHandler
    void on(RootCauseIdentified event) {
        textBytes += Bounds.bytes(event.rootCause()) - Bounds.bytes(rootCause);
        rootCause = event.rootCause();
    }

    @EventSourcingHandler
    void on(SummaryWritten event) {
        textBytes += Bounds.bytes(event.summary()) - Bounds.bytes(summary);
        summary = event.summary();
    }

    @EventSourcingHandler
    void on(RemediationWritten event) {
        textBytes += Bounds.bytes(event.remediation()) - Bounds.bytes(remediation);
        remediation = event.remediation();
    }

    @EventSourcingHandler
    void on(AdditionalInfoWritten event) {
        textBytes += Bounds.bytes(event.additionalInfo()) - Bounds.bytes(additionalInfo);
        additionalInfo = event.additionalInfo();
    }

    @EventSourcingHandler
    void on(BugTicketLinked event) {
        String before = bugTickets.put(event.reference(), event.url());
        textBytes += Bounds.bytes(event.url()) + (before == null ? Bounds.ENTRY_BYTES + Bounds.bytes(event.reference()) : -Bounds.bytes(before));
    }

    @EventSourcingHandler
    void on(BugTicketUnlinked event) {
        String before = bugTickets.remove(event.reference());
        if (before != null) {
            textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(event.reference()) + Bounds.bytes(before);
        }
    }

    @EventSourcingHandler
    void on(TagAdded event) {
        if (tags.add(event.tag())) {
            textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.tag());
        }
    }

    @EventSourcingHandler
    void on(TagRemoved event) {
        if (tags.remove(event.tag())) {
            textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(event.tag());
        }
    }

    @EventSourcingHandler
    void on(AffectedServiceAdded event) {
        if (affectedServices.add(event.service())) {
            textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.service());
        }
    }

    @EventSourcingHandler
    void on(AffectedServiceRemoved event) {
        if (affectedServices.remove(event.service())) {
            textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(event.service());
        }
    }

    @EventSourcingHandler
    void on(OwningTeamAdded event) {
        if (owningTeams.add(event.team())) {
            textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.team());
        }
    }

    @EventSourcingHandler
    void on(OwningTeamRemoved event) {
        if (owningTeams.remove(event.team())) {
            textBytes -= Bounds.ENTRY_BYTES + Bounds.bytes(event.team());
        }
    }

    @EventSourcingHandler
    void on(CountermeasureProposed event) {
        textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.title()) + Bounds.bytes(event.description());
        countermeasures.put(event.countermeasureId(),
                Countermeasure.proposed(event.title(), event.description(), event.priority(), event.type()));
    }

    @EventSourcingHandler
    void on(CountermeasureRevised event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> {
            textBytes += Bounds.bytes(event.title()) + Bounds.bytes(event.description()) - Bounds.bytes(c.title())
                    - Bounds.bytes(c.description());
            return c.revised(event.title(), event.description(), event.priority(), event.type());
        });
    }

    @EventSourcingHandler
    void on(CountermeasureAssigned event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> {
            textBytes += Bounds.bytes(event.owner()) - Bounds.bytes(c.owner());
            return c.assigned(event.owner(), event.targetDate());
        });
    }

    @EventSourcingHandler
    void on(CountermeasureStarted event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.withStatus(CountermeasureStatus.IN_PROGRESS));
    }

    @EventSourcingHandler
    void on(CountermeasureCompleted event) {
        textBytes += Bounds.bytes(event.note());
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.withStatus(CountermeasureStatus.COMPLETED));
    }

    @EventSourcingHandler
    void on(CountermeasureBecameOverdue event) {
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.announcedOverdue(event.targetDate()));
    }

    @EventSourcingHandler
    void on(CountermeasureRevisited event) {
        textBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.note());
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.revisited());
    }

    @EventSourcingHandler
    void on(CountermeasureDeclined event) {
        textBytes += Bounds.bytes(event.reason());
        countermeasures.computeIfPresent(event.countermeasureId(), (id, c) -> c.withStatus(CountermeasureStatus.DECLINED));
    }

    @EventSourcingHandler
    void on(SubmittedForReview event) {
        status = PostMortemStatus.IN_REVIEW;
    }

    @EventSourcingHandler
    void on(ReturnedToDraft event) {
        status = PostMortemStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(PostMortemPublished event) {
        status = PostMortemStatus.PUBLISHED;
    }

    private record Stakeholder(String name, List<StakeholderRole> roles) {
    }

    private record Why(String question, String answer) {
        Why {
            Objects.requireNonNull(question);
            Objects.requireNonNull(answer);
        }
    }
}
