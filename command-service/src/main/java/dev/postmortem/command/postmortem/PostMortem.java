package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.AddStakeholder;
import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.ImportPostMortem;
import dev.postmortem.api.command.ImportTimelineEntries;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.command.PostMortemCommand;
import dev.postmortem.api.command.ProposeCountermeasure;
import dev.postmortem.api.command.Publish;
import dev.postmortem.api.command.RecordMeetingDetails;
import dev.postmortem.api.command.ReturnToDraft;
import dev.postmortem.api.command.SetSeverity;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.MeetingDetailsRecorded;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.ReturnedToDraft;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.SeverityRegraded;
import dev.postmortem.api.event.StakeholderAdded;
import dev.postmortem.api.event.StakeholderRemoved;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.value.PostMortemStatus;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.countermeasures.Countermeasure;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.CommandMetaData;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.PostMortemRuleViolation.Violation;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.fivewhys.FiveWhys;
import dev.postmortem.command.review.Review;
import dev.postmortem.command.review.ReviewPolicy;
import dev.postmortem.command.severity.SeverityScale;
import dev.postmortem.command.stakeholders.Stakeholder;
import dev.postmortem.command.timeline.TimelineEntry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateEntityNotFoundException;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.requireId;
import static dev.postmortem.command.domain.Checks.requireNewPart;
import static dev.postmortem.command.domain.Checks.required;
import static dev.postmortem.command.domain.Checks.requiredValue;
import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One post-mortem, the aggregate root. It keeps what belongs to the whole — creation, title, meeting, severity, the
 * lifecycle with its publication requirements, the caps on its parts, and the guard around every command (access,
 * expected version, bounds, and withdrawing approvals after a change) — and hands the rest to its members: the
 * incident's times, the description, the classification, the restriction, the 5 whys, the review (reviewers, comment
 * threads, verdicts), and the timeline entries, stakeholders and countermeasures, each handling its own commands.
 * <p>
 * Every handler validates, then applies events; state changes only in event sourcing handlers. A command that changes
 * nothing applies nothing. Each handler returns the aggregate's version after the command, which the API hands out
 * as the ETag.
 */
@Aggregate(cache = "postMortemCache")
public class PostMortem {

    /** Caps that keep one post-mortem readable and its event stream bounded; withdrawn entries count too. */
    static final int MAX_TIMELINE_ENTRIES = 500;
    static final int MAX_STAKEHOLDERS = 100;
    static final int MAX_COUNTERMEASURES = 100;

    @AggregateIdentifier
    private String postMortemId;
    private PostMortemStatus status;
    private String title;
    private String contactPerson;
    private String facilitatedBy;
    private Instant meetingAt;
    private String severity;

    @AggregateMember
    private final KeyTimes times = new KeyTimes();
    @AggregateMember
    private final Description description = new Description();
    @AggregateMember
    private final Classification classification = new Classification();
    @AggregateMember
    private final Restriction restriction = new Restriction();
    @AggregateMember
    private final FiveWhys fiveWhys = new FiveWhys();
    @AggregateMember
    private final Review review = new Review();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, TimelineEntry> timeline = new LinkedHashMap<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, Stakeholder> stakeholders = new LinkedHashMap<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<String, Countermeasure> countermeasures = new LinkedHashMap<>();

    /** For Axon: the aggregate is rebuilt from its events. */
    protected PostMortem() {
    }

    /** Created open, or restricted from its first event on (the creator always among the people it names). */
    @CommandHandler
    public PostMortem(CreatePostMortem command, @MetaDataValue(CommandMetaData.ACTOR) String actor) {
        requireId("postMortemId", command.postMortemId());
        String newTitle = required("title", command.title());
        List<String> people = Restriction.names("restrictedToPeople", command.restrictedToPeople());
        List<String> groups = Restriction.names("restrictedToGroups", command.restrictedToGroups());
        if (!(people.isEmpty() && groups.isEmpty())) {
            people = Restriction.withActor(people, actor);
        }
        apply(new PostMortemCreated(command.postMortemId(), newTitle, people, groups));
    }

    /** Created from an existing document, its content in the same go (see {@link DocumentImport}). */
    @CommandHandler
    public PostMortem(ImportPostMortem command, SeverityScale scale) {
        for (PostMortemEvent event : DocumentImport.events(command, scale)) {
            apply(event);
        }
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

    /** Parts with ids are created by the root, which caps their number and knows their ids are new. */
    @CommandHandler
    public long handle(AddTimelineEntry command) {
        requireNewPart("entryId", command.entryId(), timeline, "the timeline already has an entry", "timeline", MAX_TIMELINE_ENTRIES);
        apply(new TimelineEntryAdded(postMortemId, command.entryId(),
                Bounds.instant("occurredAt", command.occurredAt()), requiredValue("kind", command.kind()),
                required("description", command.description()), optional(command.effect()), optional(command.perspective())));
        return version();
    }

    /**
     * The entries picked from an incident's log, all or none: each checked as an added one, the lot within the
     * timeline's cap; an entry the timeline already has (same time, same description) is left out, so that importing a
     * log twice adds nothing the second time.
     */
    @CommandHandler
    public long handle(ImportTimelineEntries command) {
        String source = required("source", command.source()).toLowerCase(Locale.ROOT);
        String sourceName = optional(command.sourceName());
        List<ImportTimelineEntries.Entry> entries = command.entries() == null ? List.of() : command.entries();
        if (entries.isEmpty()) {
            throw new InvalidValueException("entries", "pick at least one entry to import");
        }
        List<TimelineEntryImported> imported = new ArrayList<>();
        Set<String> ids = new HashSet<>(timeline.keySet());
        for (int i = 0; i < entries.size(); i++) {
            ImportTimelineEntries.Entry entry = entries.get(i);
            String field = "entries[" + i + "]";
            if (entry == null) {
                throw new InvalidValueException(field, "must not be null");
            }
            requireId(field + ".entryId", entry.entryId());
            if (!ids.add(entry.entryId())) {
                throw new StateConflictException(field + ".entryId", "the timeline already has an entry " + entry.entryId());
            }
            Instant at = Bounds.instant(field + ".occurredAt", entry.occurredAt());
            String description = required(field + ".description", entry.description());
            TimelineEntryKind kind = requiredValue(field + ".kind", entry.kind());
            boolean known = timeline.values().stream().anyMatch(existing -> existing.says(at, description))
                    || imported.stream().anyMatch(other -> other.occurredAt().equals(at) && other.description().equals(description));
            if (!known) {
                imported.add(new TimelineEntryImported(postMortemId, entry.entryId(), at, kind, description, optional(entry.effect()),
                        optional(entry.perspective()), source, sourceName, optional(entry.sourceRef())));
            }
        }
        if (timeline.size() + imported.size() > MAX_TIMELINE_ENTRIES) {
            throw new InvalidValueException("entries", "a post-mortem has at most " + MAX_TIMELINE_ENTRIES + " timeline entries; it has "
                    + timeline.size() + " and " + imported.size() + " more would pass that");
        }
        for (TimelineEntryImported event : imported) {
            apply(event);
        }
        return version();
    }

    @CommandHandler
    public long handle(AddStakeholder command) {
        requireNewPart("stakeholderId", command.stakeholderId(), stakeholders, "the post-mortem already has a stakeholder", "stakeholders",
                MAX_STAKEHOLDERS);
        String name = required("name", command.name());
        List<StakeholderRole> roles = Stakeholder.roles(command.roles());
        if (stakeholders.values().stream().anyMatch(existing -> existing.name().equalsIgnoreCase(name))) {
            throw new StateConflictException("name", name + " is already a stakeholder; change their roles instead");
        }
        apply(new StakeholderAdded(postMortemId, command.stakeholderId(), name, roles));
        return version();
    }

    @CommandHandler
    public long handle(ProposeCountermeasure command) {
        requireNewPart("countermeasureId", command.countermeasureId(), countermeasures, "the post-mortem already has a countermeasure",
                "countermeasures", MAX_COUNTERMEASURES);
        apply(new CountermeasureProposed(postMortemId, command.countermeasureId(), required("title", command.title()),
                optional(command.description()), requiredValue("priority", command.priority()), requiredValue("type", command.type())));
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
    public long handle(Publish command, ReviewPolicy policy) {
        switch (status) {
            case DRAFT -> throw new StateConflictException("status", "the post-mortem is a draft: submit it for review first");
            case IN_REVIEW -> {
                List<Violation> missing = publicationRequirements();
                missing.addAll(review.publicationRequirements(severity, policy));
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
        if (!description.hasSummary()) {
            missing.add(new Violation("summary", "write a short summary"));
        }
        if (timeline.values().stream().allMatch(TimelineEntry::withdrawn)) {
            missing.add(new Violation("timeline", "add at least one timeline entry"));
        }
        countermeasures.forEach((id, countermeasure) -> {
            if (countermeasure.openWithoutOwnerOrTargetDate()) {
                missing.add(new Violation("countermeasures[" + id + "]",
                        "countermeasure '" + countermeasure.title() + "' needs an owner and a target date"));
            }
        });
        return missing;
    }

    /**
     * Runs around every command to an existing post-mortem, its members' commands included, in this order:
     * <ol>
     *   <li>A restricted post-mortem does not exist for anyone it is not restricted to: their command is answered as
     *       for an unknown id, so that not even its existence leaks — before anything else is looked at, including
     *       the version they expect ({@code If-Match}), which would otherwise tell them its current version, and
     *       which parts it has.</li>
     *   <li>The version the sender expects, if any: a stale one is a conflict (412).</li>
     *   <li>A command naming a timeline entry, stakeholder or countermeasure the post-mortem does not have is
     *       answered with the part at fault (404).</li>
     *   <li>After a command that changed what it says: the approvals it had are withdrawn, when so configured
     *       ({@link Review#withdrawAfterChange}).</li>
     *   <li>After the command: the post-mortem's bounds (its size and number of changes, {@link Bounds}). A command
     *       that would cross one is refused and nothing of it is stored (the unit of work rolls back, and Axon drops
     *       the aggregate from its cache with it). A command that does not grow the text passes the size bound.</li>
     * </ol>
     * The service's own jobs (the overdue watch) are trusted: neither restricted nor bounded.
     */
    @CommandHandlerInterceptor
    public Object guard(CommandMessage<?> command, InterceptorChain chain, ReviewPolicy policy) throws Exception {
        boolean trusted = Boolean.TRUE.equals(command.getMetaData().get(CommandMetaData.TRUSTED_SYSTEM));
        if (!trusted && !restriction.admits(command.getMetaData().get(CommandMetaData.ACTOR),
                command.getMetaData().get(CommandMetaData.GROUPS))) {
            throw new AggregateNotFoundException(postMortemId, "There is no post-mortem " + postMortemId + ".");
        }
        if (command.getPayload() instanceof PostMortemCommand sent && sent.expectedVersion() != null
                && sent.expectedVersion() != version()) {
            throw new ConflictingAggregateVersionException(postMortemId, sent.expectedVersion(), version());
        }
        long textBytesBefore = textBytes();
        long versionBefore = version();
        Object result;
        try {
            result = chain.proceed();
        } catch (AggregateEntityNotFoundException e) {
            throw UnknownParts.named(command.getPayload());
        }
        if (review.withdrawAfterChange(command.getPayload(), versionBefore, policy) && result instanceof Long) {
            result = version();
        }
        if (!trusted) {
            // Only growth is refused: a post-mortem stored over the bound before it existed can still be trimmed.
            long textBytes = textBytes();
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

    /** The UTF-8 size of all the text its view holds, withdrawn entries included (see {@link Bounds}). */
    private long textBytes() {
        long bytes = Bounds.bytes(title) + Bounds.bytes(contactPerson) + Bounds.bytes(facilitatedBy)
                + times.textBytes() + description.textBytes() + classification.textBytes() + restriction.textBytes()
                + fiveWhys.textBytes() + review.textBytes();
        for (TimelineEntry entry : timeline.values()) {
            bytes += entry.textBytes();
        }
        for (Stakeholder stakeholder : stakeholders.values()) {
            bytes += stakeholder.textBytes();
        }
        for (Countermeasure countermeasure : countermeasures.values()) {
            bytes += countermeasure.textBytes();
        }
        return bytes;
    }

    @EventSourcingHandler
    void on(PostMortemCreated event) {
        postMortemId = event.postMortemId();
        title = event.title();
        status = PostMortemStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(TitleChanged event) {
        title = event.title();
    }

    @EventSourcingHandler
    void on(MeetingDetailsRecorded event) {
        meetingAt = event.meetingAt();
        contactPerson = event.contactPerson();
        facilitatedBy = event.facilitatedBy();
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
        timeline.put(event.entryId(), new TimelineEntry(event));
    }

    @EventSourcingHandler
    void on(TimelineEntryImported event) {
        timeline.put(event.entryId(), new TimelineEntry(event));
    }

    @EventSourcingHandler
    void on(StakeholderAdded event) {
        stakeholders.put(event.stakeholderId(), new Stakeholder(event));
    }

    @EventSourcingHandler
    void on(StakeholderRemoved event) {
        stakeholders.remove(event.stakeholderId());
    }

    @EventSourcingHandler
    void on(CountermeasureProposed event) {
        countermeasures.put(event.countermeasureId(), new Countermeasure(event));
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
}
