package dev.postmortem.query.postmortem;

import dev.postmortem.api.event.ApprovalsWithdrawn;
import dev.postmortem.api.event.ChangesRequested;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.ReviewApproved;
import dev.postmortem.api.event.ReviewCommentAdded;
import dev.postmortem.api.event.ReviewCommentResolved;
import dev.postmortem.api.event.ReviewerAssigned;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.value.ReviewSection;
import dev.postmortem.api.value.ReviewerKind;
import dev.postmortem.query.stream.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The review in the view: reviewers, each one's latest verdict, withdrawn approvals, comment threads opened and resolved. */
class ReviewFoldTest {

    private static final String ID = "pm-1";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** Each event by the actor given before it: {@code "ana", event, "dana", event, ...}. */
    private static List<EventEnvelope> by(Object... actorsAndEvents) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < actorsAndEvents.length; i += 2) {
            PostMortemEvent event = (PostMortemEvent) actorsAndEvents[i + 1];
            long version = i / 2;
            envelopes.add(new EventEnvelope("e" + version, EventTypes.typeOf(event.getClass()), ID, version, T0.plusSeconds(60 * version),
                    (String) actorsAndEvents[i], null, "t", event));
        }
        return envelopes;
    }

    @Test
    void reviewersAndTheLatestVerdictOfEach() {
        PostMortemView view = PostMortemFold.fold(by(
                "ana", new PostMortemCreated(ID, "DNS outage"),
                "ana", new SubmittedForReview(ID),
                "ana", new ReviewerAssigned(ID, "dana", ReviewerKind.PERSON),
                "ana", new ReviewerAssigned(ID, "sre", ReviewerKind.GROUP),
                "dana", new ChangesRequested(ID, "dana", "Name the owner."),
                "erin", new ReviewApproved(ID, "erin", ""),
                "dana", new ReviewApproved(ID, "dana", "Thanks.")));

        assertThat(view.status).isEqualTo("IN_REVIEW");
        assertThat(view.review.submittedBy).isEqualTo("ana");
        assertThat(view.review.submittedAt).isEqualTo(T0.plusSeconds(60));
        assertThat(view.review.reviewers).extracting(r -> r.name, r -> r.kind, r -> r.assignedBy)
                                         .containsExactly(tuple("dana", "PERSON", "ana"), tuple("sre", "GROUP", "ana"));
        assertThat(view.review.verdicts).extracting(v -> v.reviewer, v -> v.verdict, v -> v.note, v -> v.at)
                                        .containsExactly(tuple("erin", "APPROVED", "", T0.plusSeconds(300)),
                                                tuple("dana", "APPROVED", "Thanks.", T0.plusSeconds(360)));
    }

    @Test
    void aChangeAfterApprovalsLeavesThemWithdrawnUntilGivenAgain() {
        List<EventEnvelope> events = by(
                "ana", new PostMortemCreated(ID, "DNS outage"),
                "ana", new SubmittedForReview(ID),
                "dana", new ChangesRequested(ID, "dana", "Name the owner."),
                "erin", new ReviewApproved(ID, "erin", ""),
                "ana", new ApprovalsWithdrawn(ID, List.of("erin")));
        PostMortemView view = PostMortemFold.fold(events);
        assertThat(view.review.verdicts).extracting(v -> v.reviewer, v -> v.verdict).containsExactly(tuple("dana", "CHANGES_REQUESTED"));
        assertThat(view.review.withdrawnApprovals).containsExactly("erin");
        assertThat(view.review.approvalsWithdrawnAt).isEqualTo(T0.plusSeconds(240));

        PostMortemView again = PostMortemFold.apply(view, new EventEnvelope("e5", EventTypes.typeOf(ReviewApproved.class), ID, 5,
                T0.plusSeconds(300), "erin", null, "t", new ReviewApproved(ID, "erin", "Still good.")));
        assertThat(again.review.withdrawnApprovals).isEmpty();
        assertThat(again.review.verdicts).extracting(v -> v.reviewer).containsExactly("dana", "erin");
        assertThat(view.review.withdrawnApprovals).as("the state folded from is untouched").containsExactly("erin");
    }

    @Test
    void threadsOnPartsRepliesResolvedAndReopened() {
        PostMortemView view = PostMortemFold.fold(by(
                "ana", new PostMortemCreated(ID, "DNS outage"),
                "dana", new ReviewCommentAdded(ID, "c-1", null, ReviewSection.TIMELINE, "entry-1", "When, in UTC?"),
                "ana", new ReviewCommentAdded(ID, "c-2", "c-1", ReviewSection.TIMELINE, "entry-1", "10:00, corrected."),
                "ana", new ReviewCommentResolved(ID, "c-1"),
                "dana", new ReviewCommentAdded(ID, "c-3", null, ReviewSection.SUMMARY, null, "Shorter?")));

        assertThat(view.review.comments).extracting(c -> c.id, c -> c.thread, c -> c.section, c -> c.partId, c -> c.by)
                                        .containsExactly(tuple("c-1", "c-1", "TIMELINE", "entry-1", "dana"),
                                                tuple("c-2", "c-1", "TIMELINE", "entry-1", "ana"),
                                                tuple("c-3", "c-3", "SUMMARY", null, "dana"));
        PostMortemView.Comment first = view.review.comments.get(0);
        assertThat(first.resolved).isTrue();
        assertThat(first.resolvedBy).isEqualTo("ana");
        assertThat(first.resolvedAt).isEqualTo(T0.plusSeconds(180));
        assertThat(view.review.comments.get(2).resolved).isFalse();

        PostMortemView reopened = PostMortemFold.apply(view, new EventEnvelope("e5", EventTypes.typeOf(ReviewCommentAdded.class), ID, 5,
                T0.plusSeconds(300), "dana", null, "t", new ReviewCommentAdded(ID, "c-4", "c-1", ReviewSection.TIMELINE, "entry-1", "Not yet.")));
        assertThat(reopened.review.comments.get(0).resolved).as("a reply reopens its thread").isFalse();
        assertThat(reopened.review.comments.get(0).resolvedBy).isNull();
    }
}
