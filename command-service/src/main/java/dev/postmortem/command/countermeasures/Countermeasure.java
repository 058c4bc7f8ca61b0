package dev.postmortem.command.countermeasures;

import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.StartCountermeasure;
import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureBecameOverdue;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureRevised;
import dev.postmortem.api.event.CountermeasureRevisited;
import dev.postmortem.api.event.CountermeasureStarted;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureStatus;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.ListedPart;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.LocalDate;

import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.requireRoom;
import static dev.postmortem.command.domain.Checks.required;
import static dev.postmortem.command.domain.Checks.requiredValue;
import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One countermeasure of a post-mortem, a member of the aggregate that runs its own lifecycle: proposed → assigned
 * (owner and target date) → in progress → completed, or declined while open; completed ones are revisited. The
 * post-mortem proposes it (the root keeps the cap and the uniqueness of ids) and asks, before publishing, that every
 * open one has an owner and a target date.
 */
public class Countermeasure extends ListedPart {

    @EntityId
    private final String countermeasureId;
    private final String postMortemId;
    private String title;
    private String description;
    private CountermeasurePriority priority;
    private CountermeasureType type;
    private CountermeasureStatus status = CountermeasureStatus.PROPOSED;
    private String owner;
    private LocalDate targetDate;
    /** The target date for which it was last announced overdue, so that each target date is announced once. */
    private LocalDate overdueAnnouncedFor;
    private int revisits;
    /** The UTF-8 size of its notes so far: completion, revisits and the reason it was declined. */
    private long noteBytes;

    public Countermeasure(CountermeasureProposed proposed) {
        this.countermeasureId = proposed.countermeasureId();
        this.postMortemId = proposed.postMortemId();
        this.title = proposed.title();
        this.description = proposed.description();
        this.priority = proposed.priority();
        this.type = proposed.type();
    }

    /** The answer to a command naming a countermeasure the post-mortem does not have. */
    public static UnknownPartException unknown(String countermeasureId) {
        return new UnknownPartException("countermeasureId", "the post-mortem has no countermeasure " + countermeasureId);
    }

    @CommandHandler
    public long handle(ReviseCountermeasure command) {
        String newTitle = required("title", command.title());
        String newDescription = optional(command.description());
        CountermeasurePriority newPriority = requiredValue("priority", command.priority());
        CountermeasureType newType = requiredValue("type", command.type());
        if (!(newTitle.equals(title) && newDescription.equals(description) && newPriority == priority && newType == type)) {
            apply(new CountermeasureRevised(postMortemId, countermeasureId, newTitle, newDescription, newPriority, newType));
        }
        return version();
    }

    @CommandHandler
    public long handle(AssignCountermeasure command) {
        String newOwner = required("owner", command.owner());
        LocalDate newTargetDate = Bounds.date("targetDate", command.targetDate());
        requireOpen("assigned");
        if (!(newOwner.equals(owner) && newTargetDate.equals(targetDate))) {
            apply(new CountermeasureAssigned(postMortemId, countermeasureId, newOwner, newTargetDate));
        }
        return version();
    }

    @CommandHandler
    public long handle(StartCountermeasure command) {
        switch (status) {
            case PROPOSED -> throw new StateConflictException("countermeasureId",
                    "countermeasure " + countermeasureId + " has no owner yet: assign it before starting it");
            case ASSIGNED -> apply(new CountermeasureStarted(postMortemId, countermeasureId));
            case IN_PROGRESS -> { /* already started */ }
            case COMPLETED, DECLINED -> requireOpen("started");
        }
        return version();
    }

    @CommandHandler
    public long handle(CompleteCountermeasure command) {
        switch (status) {
            case PROPOSED -> throw new StateConflictException("countermeasureId",
                    "countermeasure " + countermeasureId + " has no owner yet: it cannot be completed before it is assigned");
            case ASSIGNED, IN_PROGRESS -> apply(new CountermeasureCompleted(postMortemId, countermeasureId, optional(command.note())));
            case COMPLETED -> { /* already completed */ }
            case DECLINED -> requireOpen("completed");
        }
        return version();
    }

    @CommandHandler
    public long handle(DeclineCountermeasure command) {
        String reason = required("reason", command.reason());
        if (status == CountermeasureStatus.DECLINED) {
            return version();
        }
        requireOpen("declined");
        apply(new CountermeasureDeclined(postMortemId, countermeasureId, reason));
        return version();
    }

    /** Every revisit is a fact of its own, even with the same verdict: "checked again, still effective" matters. */
    @CommandHandler
    public long handle(RevisitCountermeasure command) {
        var verdict = requiredValue("verdict", command.verdict());
        if (status != CountermeasureStatus.COMPLETED) {
            throw new StateConflictException("countermeasureId", "countermeasure " + countermeasureId
                    + " is " + status + "; only completed countermeasures are revisited");
        }
        requireRoom("revisits", revisits, Bounds.MAX_REVISITS);
        apply(new CountermeasureRevisited(postMortemId, countermeasureId, verdict, optional(command.note())));
        return version();
    }

    /**
     * Sent by the overdue watch: announces an open countermeasure whose target date has passed, once per target
     * date. A countermeasure completed, declined or re-planned in the meantime is simply not announced.
     */
    @CommandHandler
    public long handle(AnnounceOverdueCountermeasure command) {
        LocalDate today = requiredValue("today", command.today());
        if (status.isOpen() && targetDate != null && targetDate.isBefore(today) && !targetDate.equals(overdueAnnouncedFor)) {
            apply(new CountermeasureBecameOverdue(postMortemId, countermeasureId, owner, targetDate));
        }
        return version();
    }

    private void requireOpen(String action) {
        if (!status.isOpen()) {
            throw new StateConflictException("countermeasureId", "countermeasure " + countermeasureId + " is "
                    + status + " and can no longer be " + action);
        }
    }

    public String title() {
        return title;
    }

    /** Open, but without the owner and target date the practice asks of it before publication. */
    public boolean openWithoutOwnerOrTargetDate() {
        return status.isOpen() && (owner == null || targetDate == null);
    }

    /** The UTF-8 size of its text, with what it and each revisit add besides (see {@link Bounds}). */
    public long textBytes() {
        return Bounds.ENTRY_BYTES + Bounds.bytes(title) + Bounds.bytes(description) + Bounds.bytes(owner) + noteBytes;
    }

    @EventSourcingHandler
    void on(CountermeasureRevised event) {
        title = event.title();
        description = event.description();
        priority = event.priority();
        type = event.type();
    }

    @EventSourcingHandler
    void on(CountermeasureAssigned event) {
        owner = event.owner();
        targetDate = event.targetDate();
        if (status == CountermeasureStatus.PROPOSED) {
            status = CountermeasureStatus.ASSIGNED;
        }
    }

    @EventSourcingHandler
    void on(CountermeasureStarted event) {
        status = CountermeasureStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(CountermeasureCompleted event) {
        status = CountermeasureStatus.COMPLETED;
        noteBytes += Bounds.bytes(event.note());
    }

    @EventSourcingHandler
    void on(CountermeasureBecameOverdue event) {
        overdueAnnouncedFor = event.targetDate();
    }

    @EventSourcingHandler
    void on(CountermeasureRevisited event) {
        revisits++;
        noteBytes += Bounds.ENTRY_BYTES + Bounds.bytes(event.note());
    }

    @EventSourcingHandler
    void on(CountermeasureDeclined event) {
        status = CountermeasureStatus.DECLINED;
        noteBytes += Bounds.bytes(event.reason());
    }
}
