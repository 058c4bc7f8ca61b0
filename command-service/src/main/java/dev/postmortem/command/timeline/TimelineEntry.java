package dev.postmortem.command.timeline;

import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.WithdrawTimelineEntry;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.event.TimelineEntryCorrected;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.ListedPart;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;

import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.required;
import static dev.postmortem.command.domain.Checks.requiredValue;
import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One entry of a post-mortem's timeline, a member of the aggregate: it corrects and withdraws itself. The post-mortem
 * adds it (the root keeps the cap and the uniqueness of ids). Withdrawn entries stay, and still count towards the
 * post-mortem's size: the history keeps every version.
 */
public class TimelineEntry extends ListedPart {

    @EntityId
    private final String entryId;
    private final String postMortemId;
    private Instant occurredAt;
    private TimelineEntryKind kind;
    private String description;
    private String effect;
    private String perspective;
    private boolean withdrawn;

    public TimelineEntry(TimelineEntryAdded added) {
        this(added.postMortemId(), added.entryId(), added.occurredAt(), added.kind(), added.description(), added.effect(), added.perspective());
    }

    /** An entry imported from an incident's log: the same entry, from where it came. */
    public TimelineEntry(TimelineEntryImported imported) {
        this(imported.postMortemId(), imported.entryId(), imported.occurredAt(), imported.kind(), imported.description(), imported.effect(),
                imported.perspective());
    }

    private TimelineEntry(String postMortemId, String entryId, Instant occurredAt, TimelineEntryKind kind, String description, String effect,
                          String perspective) {
        this.entryId = entryId;
        this.postMortemId = postMortemId;
        this.occurredAt = occurredAt;
        this.kind = kind;
        this.description = description;
        this.effect = effect;
        this.perspective = perspective;
    }

    /** Whether it says this happened then (an import does not add it again). */
    public boolean says(Instant at, String text) {
        return !withdrawn && occurredAt.equals(at) && description.equals(text);
    }

    /** The answer to a command naming an entry the post-mortem does not have. */
    public static UnknownPartException unknown(String entryId) {
        return new UnknownPartException("entryId", "the post-mortem has no timeline entry " + entryId);
    }

    @CommandHandler
    public long handle(CorrectTimelineEntry command) {
        if (withdrawn) {
            throw new StateConflictException("entryId", "timeline entry " + entryId + " was withdrawn and cannot be corrected");
        }
        Instant newOccurredAt = Bounds.instant("occurredAt", command.occurredAt());
        TimelineEntryKind newKind = requiredValue("kind", command.kind());
        String newDescription = required("description", command.description());
        String newEffect = optional(command.effect());
        String newPerspective = optional(command.perspective());
        if (!(occurredAt.equals(newOccurredAt) && kind == newKind && description.equals(newDescription)
                && effect.equals(newEffect) && perspective.equals(newPerspective))) {
            apply(new TimelineEntryCorrected(postMortemId, entryId, newOccurredAt, newKind, newDescription, newEffect, newPerspective));
        }
        return version();
    }

    @CommandHandler
    public long handle(WithdrawTimelineEntry command) {
        if (!withdrawn) {
            apply(new TimelineEntryWithdrawn(postMortemId, entryId));
        }
        return version();
    }

    public boolean withdrawn() {
        return withdrawn;
    }

    /** The UTF-8 size of its text, with what an entry adds besides (see {@link Bounds}). */
    public long textBytes() {
        return Bounds.ENTRY_BYTES + Bounds.bytes(description) + Bounds.bytes(effect) + Bounds.bytes(perspective);
    }

    @EventSourcingHandler
    void on(TimelineEntryCorrected event) {
        occurredAt = event.occurredAt();
        kind = event.kind();
        description = event.description();
        effect = event.effect();
        perspective = event.perspective();
        withdrawn = false;
    }

    @EventSourcingHandler
    void on(TimelineEntryWithdrawn event) {
        withdrawn = true;
    }
}
