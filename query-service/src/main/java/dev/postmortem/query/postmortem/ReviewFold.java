package dev.postmortem.query.postmortem;

import dev.postmortem.api.event.ApprovalsWithdrawn;
import dev.postmortem.api.event.ChangesRequested;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.ReviewApproved;
import dev.postmortem.api.event.ReviewCommentAdded;
import dev.postmortem.api.event.ReviewCommentResolved;
import dev.postmortem.api.event.ReviewerAssigned;
import dev.postmortem.api.value.ReviewVerdict;
import dev.postmortem.query.stream.EventEnvelope;

import java.util.ArrayList;
import java.util.function.Consumer;

/** The review's part of the view's fold: reviewers, each one's latest verdict, the comment threads. */
final class ReviewFold {

    private ReviewFold() {
    }

    /** Folds a review event into the view's review; false for any other event. */
    static boolean applyInPlace(PostMortemView.Review review, EventEnvelope envelope) {
        PostMortemEvent event = envelope.event();
        if (event instanceof ReviewerAssigned e) {
            review.reviewers.removeIf(reviewer -> reviewer.name.equals(e.reviewer()));
            PostMortemView.Reviewer reviewer = new PostMortemView.Reviewer();
            reviewer.name = e.reviewer();
            reviewer.kind = e.kind().name();
            reviewer.assignedAt = envelope.time();
            reviewer.assignedBy = envelope.actor();
            review.reviewers.add(reviewer);
        } else if (event instanceof ReviewApproved e) {
            verdict(review, e.reviewer(), ReviewVerdict.APPROVED, e.note(), envelope);
        } else if (event instanceof ChangesRequested e) {
            verdict(review, e.reviewer(), ReviewVerdict.CHANGES_REQUESTED, e.note(), envelope);
        } else if (event instanceof ApprovalsWithdrawn e) {
            review.verdicts.removeIf(verdict -> ReviewVerdict.APPROVED.name().equals(verdict.verdict) && e.reviewers().contains(verdict.reviewer));
            review.withdrawnApprovals = new ArrayList<>(e.reviewers());
            review.approvalsWithdrawnAt = envelope.time();
        } else if (event instanceof ReviewCommentAdded e) {
            PostMortemView.Comment comment = new PostMortemView.Comment();
            comment.id = e.commentId();
            comment.thread = e.startsThread() ? e.commentId() : e.replyTo();
            comment.section = e.section() == null ? null : e.section().name();
            comment.partId = e.partId().isEmpty() ? null : e.partId();
            comment.text = e.text();
            comment.by = envelope.actor();
            comment.at = envelope.time();
            review.comments.removeIf(existing -> existing.id.equals(e.commentId()));
            review.comments.add(comment);
            if (!e.startsThread()) {
                thread(review, e.replyTo(), first -> {
                    first.resolved = false;
                    first.resolvedBy = null;
                    first.resolvedAt = null;
                });
            }
        } else if (event instanceof ReviewCommentResolved e) {
            thread(review, e.commentId(), first -> {
                first.resolved = true;
                first.resolvedBy = envelope.actor();
                first.resolvedAt = envelope.time();
            });
        } else {
            return false;
        }
        return true;
    }

    private static void verdict(PostMortemView.Review review, String reviewer, ReviewVerdict kind, String note, EventEnvelope envelope) {
        review.verdicts.removeIf(verdict -> verdict.reviewer.equals(reviewer));
        PostMortemView.Verdict verdict = new PostMortemView.Verdict();
        verdict.reviewer = reviewer;
        verdict.verdict = kind.name();
        verdict.note = note;
        verdict.at = envelope.time();
        review.verdicts.add(verdict);
        review.withdrawnApprovals.remove(reviewer);
    }

    private static void thread(PostMortemView.Review review, String firstId, Consumer<PostMortemView.Comment> change) {
        review.comments.stream().filter(comment -> comment.id.equals(firstId)).findFirst().ifPresent(change);
    }
}
