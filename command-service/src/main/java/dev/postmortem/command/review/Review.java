package dev.postmortem.command.review;

import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.ApproveReview;
import dev.postmortem.api.command.CommentOnReview;
import dev.postmortem.api.command.Publish;
import dev.postmortem.api.command.RequestChanges;
import dev.postmortem.api.command.ResolveReviewComment;
import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.ReturnToDraft;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.SubmitForReview;
import dev.postmortem.api.command.UnrestrictPostMortem;
import dev.postmortem.api.event.ApprovalsWithdrawn;
import dev.postmortem.api.event.ChangesRequested;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.ReturnedToDraft;
import dev.postmortem.api.event.ReviewApproved;
import dev.postmortem.api.event.ReviewCommentAdded;
import dev.postmortem.api.event.ReviewCommentResolved;
import dev.postmortem.api.event.ReviewerAssigned;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.value.PostMortemStatus;
import dev.postmortem.api.value.ReviewSection;
import dev.postmortem.api.value.ReviewVerdict;
import dev.postmortem.api.value.ReviewerKind;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.CommandMetaData;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.NotAReviewerException;
import dev.postmortem.command.domain.PostMortemRuleViolation.Violation;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.postmortem.command.domain.Checks.names;
import static dev.postmortem.command.domain.Checks.optional;
import static dev.postmortem.command.domain.Checks.requireNewPart;
import static dev.postmortem.command.domain.Checks.required;
import static dev.postmortem.command.domain.Checks.requiredValue;
import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The post-mortem's review, a member of it: who was asked to review it, each reviewer's latest verdict, and the
 * comment threads — each about a section of the template, or one timeline entry or countermeasure. Anyone who may
 * change the post-mortem may comment and resolve a thread; only a reviewer (named, or in a named group) gives a
 * verdict, and not on a post-mortem they submitted themselves. What publication needs of the review is asked by the
 * post-mortem ({@link #publicationRequirements}); a change after approvals withdraws them when so configured
 * ({@link #withdrawAfterChange}).
 */
public class Review {

    static final int MAX_REVIEWERS = 20;
    static final int MAX_COMMENTS = 500;
    private static final int MAX_NAME_LENGTH = 200;

    private String postMortemId;
    private PostMortemStatus status = PostMortemStatus.DRAFT;
    private String submittedBy;
    private final Map<String, ReviewerKind> reviewers = new LinkedHashMap<>();
    private final Map<String, ReviewVerdict> verdicts = new LinkedHashMap<>();
    private final Map<String, Comment> comments = new LinkedHashMap<>();
    private final Set<String> resolved = new HashSet<>();
    private final Set<String> timelineEntries = new HashSet<>();
    private final Set<String> countermeasures = new HashSet<>();
    private long textBytes;

    /** One comment: the thread it is in (its first comment's id; its own for a first comment) and what it is about ("" for a whole section). */
    private record Comment(String thread, ReviewSection section, String partId) {
    }

    /** Into review, asking the people and groups named; again while in review, asking those not asked yet. */
    @CommandHandler
    public long handle(SubmitForReview command, @MetaDataValue(CommandMetaData.ACTOR) String actor) {
        if (status == PostMortemStatus.PUBLISHED) {
            throw new StateConflictException("status", "the post-mortem is already published");
        }
        List<String> people = names("reviewers", command.reviewers(), MAX_REVIEWERS, MAX_NAME_LENGTH);
        List<String> groups = names("reviewerGroups", command.reviewerGroups(), MAX_REVIEWERS, MAX_NAME_LENGTH);
        if (actor != null && people.contains(actor)) {
            throw new InvalidValueException("reviewers", "you submit it for review, so you cannot be its reviewer: name someone else");
        }
        List<ReviewerAssigned> assigned = new ArrayList<>();
        people.stream().filter(name -> !reviewers.containsKey(name))
              .forEach(name -> assigned.add(new ReviewerAssigned(postMortemId, name, ReviewerKind.PERSON)));
        groups.stream().filter(name -> !reviewers.containsKey(name))
              .forEach(name -> assigned.add(new ReviewerAssigned(postMortemId, name, ReviewerKind.GROUP)));
        if (reviewers.size() + assigned.size() > MAX_REVIEWERS) {
            throw new InvalidValueException("reviewers", "a post-mortem has at most " + MAX_REVIEWERS + " reviewers (people and groups)");
        }
        if (status == PostMortemStatus.DRAFT) {
            apply(new SubmittedForReview(postMortemId));
        }
        assigned.forEach(event -> apply(event));
        return version();
    }

    /** A new thread about a section or one of its parts, or a reply in an existing thread (which reopens it if resolved). */
    @CommandHandler
    public long handle(CommentOnReview command) {
        requireNewPart("commentId", command.commentId(), comments, "the review already has a comment", "comments", MAX_COMMENTS);
        String text = required("text", command.text());
        String replyTo = optional(command.replyTo());
        if (!replyTo.isEmpty()) {
            Comment replied = comments.get(replyTo);
            if (replied == null) {
                throw new UnknownPartException("replyTo", "the review has no comment " + replyTo);
            }
            Comment thread = comments.get(replied.thread());
            if (command.section() != null && command.section() != thread.section()
                    || command.partId() != null && !command.partId().isBlank() && !command.partId().strip().equals(thread.partId())) {
                throw new InvalidValueException("section", "a reply is about what its thread is about ("
                        + thread.section() + (thread.partId().isEmpty() ? "" : " " + thread.partId()) + "): leave section and partId out");
            }
            apply(new ReviewCommentAdded(postMortemId, command.commentId(), thread.thread(), thread.section(), thread.partId(), text));
            return version();
        }
        ReviewSection section = requiredValue("section", command.section());
        String partId = optional(command.partId());
        if (!partId.isEmpty() && !section.hasParts()) {
            throw new InvalidValueException("partId", "only a comment on the timeline or the countermeasures names a part; "
                    + section + " has none");
        }
        if (!partId.isEmpty() && !(section == ReviewSection.TIMELINE ? timelineEntries : countermeasures).contains(partId)) {
            throw new UnknownPartException("partId", "the post-mortem has no " + (section == ReviewSection.TIMELINE
                    ? "timeline entry " : "countermeasure ") + partId);
        }
        apply(new ReviewCommentAdded(postMortemId, command.commentId(), null, section, partId, text));
        return version();
    }

    /** Resolves the thread the comment is in; a thread already resolved stays as it is. */
    @CommandHandler
    public long handle(ResolveReviewComment command) {
        Comment comment = comments.get(command.commentId());
        if (comment == null) {
            throw new UnknownPartException("commentId", "the review has no comment " + command.commentId());
        }
        if (!resolved.contains(comment.thread())) {
            apply(new ReviewCommentResolved(postMortemId, comment.thread()));
        }
        return version();
    }

    @CommandHandler
    public long handle(ApproveReview command, @MetaDataValue(CommandMetaData.ACTOR) String actor,
                       @MetaDataValue(CommandMetaData.GROUPS) Collection<?> groups) {
        requireReviewer(actor, groups, "approve");
        if (verdicts.get(actor) != ReviewVerdict.APPROVED) {
            apply(new ReviewApproved(postMortemId, actor, optional(command.note())));
        }
        return version();
    }

    @CommandHandler
    public long handle(RequestChanges command, @MetaDataValue(CommandMetaData.ACTOR) String actor,
                       @MetaDataValue(CommandMetaData.GROUPS) Collection<?> groups) {
        requireReviewer(actor, groups, "request changes");
        apply(new ChangesRequested(postMortemId, actor, required("note", command.note())));
        return version();
    }

    private void requireReviewer(String actor, Collection<?> groups, String what) {
        if (status != PostMortemStatus.IN_REVIEW) {
            throw new StateConflictException("status", "only a post-mortem in review is reviewed; this one is "
                    + status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        boolean named = actor != null && reviewers.get(actor) == ReviewerKind.PERSON;
        boolean inGroup = groups != null && groups.stream().map(String::valueOf).anyMatch(group -> reviewers.get(group) == ReviewerKind.GROUP);
        if (!named && !inGroup) {
            throw new NotAReviewerException("only its reviewers " + what + (reviewers.isEmpty()
                    ? "; it has none yet: submit it for review naming them" : ": " + String.join(", ", reviewers.keySet())));
        }
        if (actor != null && actor.equals(submittedBy)) {
            throw new NotAReviewerException("you submitted it for review, so another of its reviewers must " + what);
        }
    }

    /** What publication needs of the review: enough approvals for its severity, and no reviewer asking for changes. */
    public List<Violation> publicationRequirements(String severity, ReviewPolicy policy) {
        List<Violation> missing = new ArrayList<>();
        int required = policy.requiredApprovals(severity);
        long approvals = verdicts.values().stream().filter(verdict -> verdict == ReviewVerdict.APPROVED).count();
        if (approvals < required) {
            missing.add(new Violation("review", "needs " + required + " approval" + (required == 1 ? "" : "s") + " from its reviewers"
                    + (severity == null ? "" : " at " + severity) + "; it has " + approvals));
        }
        verdicts.forEach((reviewer, verdict) -> {
            if (verdict == ReviewVerdict.CHANGES_REQUESTED) {
                missing.add(new Violation("review", reviewer + " requested changes: make them, then ask " + reviewer + " to approve"));
            }
        });
        return missing;
    }

    /**
     * After a command that changed what the post-mortem says (not a review, lifecycle or restriction command, nor the
     * service's own follow-up): the approvals given so far are withdrawn, when so configured and not yet published.
     * Whether it withdrew any, so that the command answers with the version after it.
     */
    public boolean withdrawAfterChange(Object command, long versionBefore, ReviewPolicy policy) {
        if (!policy.withdrawOnChange() || status == PostMortemStatus.PUBLISHED || version() <= versionBefore || !changesContent(command)) {
            return false;
        }
        List<String> approvers = verdicts.entrySet().stream().filter(entry -> entry.getValue() == ReviewVerdict.APPROVED)
                                         .map(Map.Entry::getKey).toList();
        if (approvers.isEmpty()) {
            return false;
        }
        apply(new ApprovalsWithdrawn(postMortemId, approvers));
        return true;
    }

    private static boolean changesContent(Object command) {
        return !(command instanceof SubmitForReview || command instanceof CommentOnReview || command instanceof ResolveReviewComment
                || command instanceof ApproveReview || command instanceof RequestChanges || command instanceof Publish
                || command instanceof ReturnToDraft || command instanceof RestrictPostMortem || command instanceof UnrestrictPostMortem
                || command instanceof AnnounceOverdueCountermeasure || command instanceof RevisitCountermeasure);
    }

    /** The UTF-8 size of the review's text (see {@link Bounds}): reviewers, comments, notes. */
    public long textBytes() {
        return textBytes;
    }

    @EventSourcingHandler
    void on(PostMortemCreated event) {
        postMortemId = event.postMortemId();
    }

    @EventSourcingHandler
    void on(SubmittedForReview event, @MetaDataValue(CommandMetaData.ACTOR) String actor) {
        status = PostMortemStatus.IN_REVIEW;
        submittedBy = actor;
    }

    @EventSourcingHandler
    void on(ReturnedToDraft event) {
        status = PostMortemStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(PostMortemPublished event) {
        status = PostMortemStatus.PUBLISHED;
    }

    @EventSourcingHandler
    void on(ReviewerAssigned event) {
        reviewers.put(event.reviewer(), event.kind());
        textBytes += Bounds.bytes(event.reviewer()) + Bounds.ENTRY_BYTES;
    }

    @EventSourcingHandler
    void on(ReviewCommentAdded event) {
        String thread = event.startsThread() ? event.commentId() : event.replyTo();
        comments.put(event.commentId(), new Comment(thread, event.section(), event.partId()));
        resolved.remove(thread);
        textBytes += Bounds.bytes(event.text()) + Bounds.ENTRY_BYTES;
    }

    @EventSourcingHandler
    void on(ReviewCommentResolved event) {
        resolved.add(event.commentId());
    }

    @EventSourcingHandler
    void on(ReviewApproved event) {
        verdicts.put(event.reviewer(), ReviewVerdict.APPROVED);
        textBytes += Bounds.bytes(event.note());
    }

    @EventSourcingHandler
    void on(ChangesRequested event) {
        verdicts.put(event.reviewer(), ReviewVerdict.CHANGES_REQUESTED);
        textBytes += Bounds.bytes(event.note());
    }

    @EventSourcingHandler
    void on(ApprovalsWithdrawn event) {
        event.reviewers().forEach(reviewer -> verdicts.remove(reviewer, ReviewVerdict.APPROVED));
    }

    @EventSourcingHandler
    void on(TimelineEntryAdded event) {
        timelineEntries.add(event.entryId());
    }

    @EventSourcingHandler
    void on(TimelineEntryImported event) {
        timelineEntries.add(event.entryId());
    }

    @EventSourcingHandler
    void on(CountermeasureProposed event) {
        countermeasures.add(event.countermeasureId());
    }
}
