package dev.postmortem.command.review;

import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.ApproveReview;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.CommentOnReview;
import dev.postmortem.api.command.Publish;
import dev.postmortem.api.command.RequestChanges;
import dev.postmortem.api.command.ResolveReviewComment;
import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.SubmitForReview;
import dev.postmortem.api.event.ApprovalsWithdrawn;
import dev.postmortem.api.event.ChangesRequested;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.ReviewApproved;
import dev.postmortem.api.event.ReviewCommentAdded;
import dev.postmortem.api.event.ReviewCommentResolved;
import dev.postmortem.api.event.ReviewerAssigned;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.SummaryWritten;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.value.ReviewSection;
import dev.postmortem.api.value.ReviewerKind;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.domain.CommandMetaData;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.NotAReviewerException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.postmortem.PostMortemFixture;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The review as a conversation: reviewers named on submission, comment threads on sections and parts, verdicts from
 * reviewers only (never from the one who submitted it), approvals publication needs by severity, and a change after
 * approval withdrawing it when so configured.
 */
class ReviewTest extends PostMortemFixture {

    private static final String ENTRY = "entry-1";

    /** A draft with one timeline entry, submitted for review by ana to dana and the group sre. */
    private static Object[] inReview(Object... more) {
        List<Object> events = new ArrayList<>(Arrays.asList(history(
                new TimelineEntryAdded(ID, ENTRY, at(0), TimelineEntryKind.DETECTION, "Pager fired", "", ""))));
        events.add(as("ana", new SubmittedForReview(ID)));
        events.add(new ReviewerAssigned(ID, "dana", ReviewerKind.PERSON));
        events.add(new ReviewerAssigned(ID, "sre", ReviewerKind.GROUP));
        events.addAll(Arrays.asList(more));
        return events.toArray();
    }

    /** An event with the actor the command service records on it. */
    private static GenericDomainEventMessage<Object> as(String actor, Object event) {
        return new GenericDomainEventMessage<>("PostMortem", ID, 0, event, MetaData.with(CommandMetaData.ACTOR, actor));
    }

    private static Map<String, Object> by(String actor, String... groups) {
        return Map.of(CommandMetaData.ACTOR, actor, CommandMetaData.GROUPS, List.of(groups));
    }

    @Nested
    class Submitting {

        @Test
        void namesItsReviewersPeopleAndGroups() {
            fixture.given(history()).when(new SubmitForReview(ID, null, List.of("dana", " ben "), List.of("sre")), by("ana"))
                   .expectEvents(new SubmittedForReview(ID), new ReviewerAssigned(ID, "dana", ReviewerKind.PERSON),
                           new ReviewerAssigned(ID, "ben", ReviewerKind.PERSON), new ReviewerAssigned(ID, "sre", ReviewerKind.GROUP));
        }

        @Test
        void againWhileInReviewAsksOnlyThoseNotAskedYet() {
            fixture.given(inReview()).when(new SubmitForReview(ID, null, List.of("dana", "ben"), List.of("sre")), by("ana"))
                   .expectEvents(new ReviewerAssigned(ID, "ben", ReviewerKind.PERSON));
            fixture.given(inReview()).when(new SubmitForReview(ID, null), by("ana")).expectNoEvents();
        }

        @Test
        void nobodyReviewsWhatTheySubmit() {
            fixture.given(history()).when(new SubmitForReview(ID, null, List.of("ana"), List.of()), by("ana"))
                   .expectException(InvalidValueException.class).expectExceptionMessage(
                           "you submit it for review, so you cannot be its reviewer: name someone else");
        }

        @Test
        void aPublishedPostMortemIsNotSubmittedAgain() {
            fixture.given(inReview(new PostMortemPublished(ID))).when(new SubmitForReview(ID, null, List.of("ben"), List.of()), by("ana"))
                   .expectException(StateConflictException.class);
        }

        @Test
        void reviewersAreBounded() {
            List<String> many = IntStream.range(0, Review.MAX_REVIEWERS + 1).mapToObj(i -> "reviewer-" + i).toList();
            fixture.given(history()).when(new SubmitForReview(ID, null, many, List.of()), by("ana"))
                   .expectException(InvalidValueException.class);
        }
    }

    @Nested
    class Comments {

        @Test
        void aThreadOnATimelineEntryThenAReplyThatInheritsWhatItIsAbout() {
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-1", null, ReviewSection.TIMELINE, ENTRY,
                           "When did the pager fire, in UTC?"), by("dana"))
                   .expectEvents(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.TIMELINE, ENTRY, "When did the pager fire, in UTC?"));
            fixture.given(inReview(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.TIMELINE, ENTRY, "When?")))
                   .when(new CommentOnReview(ID, null, "c-2", "c-1", null, null, "10:00 UTC, corrected."), by("ana"))
                   .expectEvents(new ReviewCommentAdded(ID, "c-2", "c-1", ReviewSection.TIMELINE, ENTRY, "10:00 UTC, corrected."));
        }

        @Test
        void aReplyToAReplyJoinsTheThreadOfItsFirstComment() {
            fixture.given(inReview(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.SUMMARY, null, "Too long?"),
                           new ReviewCommentAdded(ID, "c-2", "c-1", ReviewSection.SUMMARY, null, "Shortened.")))
                   .when(new CommentOnReview(ID, null, "c-3", "c-2", null, null, "Thanks."), by("dana"))
                   .expectEvents(new ReviewCommentAdded(ID, "c-3", "c-1", ReviewSection.SUMMARY, null, "Thanks."));
        }

        @Test
        void aCommentNamesAPartTheSectionHasOrNone() {
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-1", null, ReviewSection.TIMELINE, "no-such-entry", "?"))
                   .expectException(UnknownPartException.class);
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-1", null, ReviewSection.SUMMARY, ENTRY, "?"))
                   .expectException(InvalidValueException.class);
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-1", null, null, null, "?"))
                   .expectException(InvalidValueException.class);
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-1", null, ReviewSection.GENERAL, null, "  "))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void aReplyToAnUnknownCommentIsRefusedAndAReplyMayNotMoveTheThread() {
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-2", "c-1", null, null, "?"))
                   .expectException(UnknownPartException.class);
            fixture.given(inReview(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.SUMMARY, null, "Too long?")))
                   .when(new CommentOnReview(ID, null, "c-2", "c-1", ReviewSection.TIMELINE, ENTRY, "?"))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void aBlankReplyToStartsAThread() {
            fixture.given(inReview()).when(new CommentOnReview(ID, null, "c-1", " ", ReviewSection.GENERAL, null, "Readable."))
                   .expectEvents(new ReviewCommentAdded(ID, "c-1", "", ReviewSection.GENERAL, "", "Readable."));
        }

        @Test
        void aCommentIdIsUsedOnce() {
            fixture.given(inReview(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.SUMMARY, null, "Too long?")))
                   .when(new CommentOnReview(ID, null, "c-1", null, ReviewSection.SUMMARY, null, "Again"))
                   .expectException(StateConflictException.class);
        }

        @Test
        void resolvingAnyCommentResolvesItsThreadOnce() {
            Object[] discussed = inReview(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.SUMMARY, null, "Too long?"),
                    new ReviewCommentAdded(ID, "c-2", "c-1", ReviewSection.SUMMARY, null, "Shortened."));
            fixture.given(discussed).when(new ResolveReviewComment(ID, null, "c-2"), by("ana"))
                   .expectEvents(new ReviewCommentResolved(ID, "c-1"));
            List<Object> resolved = new ArrayList<>(Arrays.asList(discussed));
            resolved.add(new ReviewCommentResolved(ID, "c-1"));
            fixture.given(resolved).when(new ResolveReviewComment(ID, null, "c-1")).expectNoEvents();
            fixture.given(inReview()).when(new ResolveReviewComment(ID, null, "c-9")).expectException(UnknownPartException.class);
        }

        @Test
        void aReplyReopensAResolvedThreadWhichThenResolvesAgain() {
            fixture.given(inReview(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.SUMMARY, null, "Too long?"),
                           new ReviewCommentResolved(ID, "c-1"), new ReviewCommentAdded(ID, "c-2", "c-1", ReviewSection.SUMMARY, null, "Still?")))
                   .when(new ResolveReviewComment(ID, null, "c-1"))
                   .expectEvents(new ReviewCommentResolved(ID, "c-1"));
        }

        @Test
        void commentsAreBounded() {
            List<Object> events = new ArrayList<>(Arrays.asList(inReview()));
            for (int i = 0; i < Review.MAX_COMMENTS; i++) {
                events.add(new ReviewCommentAdded(ID, "c-" + i, null, ReviewSection.GENERAL, null, "Comment " + i));
            }
            fixture.given(events).when(new CommentOnReview(ID, null, "one-more", null, ReviewSection.GENERAL, null, "?"))
                   .expectException(InvalidValueException.class);
        }
    }

    @Nested
    class Verdicts {

        @Test
        void aNamedReviewerOrAMemberOfANamedGroupApprovesOnce() {
            fixture.given(inReview()).when(new ApproveReview(ID, null, " Clear. "), by("dana"))
                   .expectEvents(new ReviewApproved(ID, "dana", "Clear."));
            fixture.given(inReview()).when(new ApproveReview(ID, null, null), by("erin", "sre"))
                   .expectEvents(new ReviewApproved(ID, "erin", ""));
            fixture.given(inReview(new ReviewApproved(ID, "dana", ""))).when(new ApproveReview(ID, null, null), by("dana"))
                   .expectNoEvents();
        }

        @Test
        void someoneNotAmongTheReviewersGivesNoVerdict() {
            fixture.given(inReview()).when(new ApproveReview(ID, null, null), by("mallory", "payments"))
                   .expectException(NotAReviewerException.class)
                   .expectExceptionMessage("only its reviewers approve: dana, sre");
            fixture.given(inReview()).when(new RequestChanges(ID, null, "Add the why."), by("mallory"))
                   .expectException(NotAReviewerException.class);
        }

        @Test
        void whoeverSubmittedItDoesNotApproveItEvenThroughAGroup() {
            fixture.given(inReview()).when(new ApproveReview(ID, null, null), by("ana", "sre"))
                   .expectException(NotAReviewerException.class)
                   .expectExceptionMessage("you submitted it for review, so another of its reviewers must approve");
        }

        @Test
        void onlyAPostMortemInReviewGetsAVerdict() {
            fixture.given(history(new ReviewerAssigned(ID, "dana", ReviewerKind.PERSON))).when(new ApproveReview(ID, null, null), by("dana"))
                   .expectException(StateConflictException.class);
        }

        @Test
        void requestingChangesNeedsToSayWhich() {
            fixture.given(inReview()).when(new RequestChanges(ID, null, "Name the fix's owner."), by("dana"))
                   .expectEvents(new ChangesRequested(ID, "dana", "Name the fix's owner."));
            fixture.given(inReview()).when(new RequestChanges(ID, null, " "), by("dana"))
                   .expectException(InvalidValueException.class);
        }
    }

    @Nested
    class Publication {

        private static final ReviewPolicy ONE_FOR_SEV1 = new ReviewPolicy(Map.of("sev1", 1, "default", 0), true, SCALE);

        private Object[] ready(Object... more) {
            List<Object> events = new ArrayList<>(Arrays.asList(inReview(new SeverityAssessed(ID, "SEV1"), new SummaryWritten(ID, "DNS failed."))));
            events.addAll(Arrays.asList(more));
            return events.toArray();
        }

        @Test
        void aSev1NeedsAnApprovalWhenSoConfigured() {
            withPolicy(ONE_FOR_SEV1);
            fixture.given(ready()).when(new Publish(ID, null)).expectException(StateConflictException.class);
            withPolicy(ONE_FOR_SEV1);
            fixture.given(ready(new ReviewApproved(ID, "dana", ""))).when(new Publish(ID, null)).expectEvents(new PostMortemPublished(ID));
        }

        /** The rules application.yml ships, read from the file itself (see {@link ShippedConfiguration}). */
        @Test
        void asShippedASev1NeedsOneApprovalAndASev3None() {
            ReviewPolicy shipped = ShippedConfiguration.reviewPolicy(Map.of());
            assertThat(shipped.requiredApprovals("SEV1")).isEqualTo(1);
            assertThat(shipped.requiredApprovals("SEV2")).isEqualTo(1);
            assertThat(shipped.requiredApprovals("SEV3")).isZero();
            assertThat(shipped.requiredApprovals("SEV5")).isZero();
            assertThat(shipped.requiredApprovals(null)).isZero();
            withPolicy(shipped);
            fixture.given(ready()).when(new Publish(ID, null))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage("the post-mortem is not ready to publish: 1 requirement(s) not met");
            withPolicy(shipped);
            fixture.given(ready(new ReviewApproved(ID, "dana", ""))).when(new Publish(ID, null)).expectEvents(new PostMortemPublished(ID));
            withPolicy(shipped);
            fixture.given(inReview(new SeverityAssessed(ID, "SEV3"), new SummaryWritten(ID, "DNS failed."))).when(new Publish(ID, null))
                   .expectEvents(new PostMortemPublished(ID));
        }

        @Test
        void aDeploymentSetsALevelsApprovalsWithItsEnvironmentVariable() {
            ReviewPolicy none = ShippedConfiguration.reviewPolicy(Map.of("POSTMORTEM_REVIEW_REQUIREDAPPROVALS_SEV1", "0"));
            assertThat(none.requiredApprovals("SEV1")).as("the variable overrides the shipped SEV1: 1").isZero();
            assertThat(none.requiredApprovals("SEV2")).isEqualTo(1);
            ReviewPolicy two = ShippedConfiguration.reviewPolicy(Map.of("POSTMORTEM_REVIEW_REQUIREDAPPROVALS_SEV3", "2"));
            assertThat(two.requiredApprovals("SEV3")).isEqualTo(2);
            assertThat(two.requiredApprovals("SEV1")).isEqualTo(1);
        }

        @Test
        void theRefusalSaysWhatIsMissing() {
            withPolicy(ONE_FOR_SEV1);
            fixture.given(ready(new ChangesRequested(ID, "erin", "Add the why."))).when(new Publish(ID, null))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage("the post-mortem is not ready to publish: 2 requirement(s) not met");
        }

        @Test
        void aReviewerAskingForChangesHoldsPublicationUntilTheyApprove() {
            fixture.given(ready(new ChangesRequested(ID, "dana", "Add the why."))).when(new Publish(ID, null))
                   .expectException(StateConflictException.class);
            fixture.given(ready(new ChangesRequested(ID, "dana", "Add the why."), new ReviewApproved(ID, "dana", "")))
                   .when(new Publish(ID, null)).expectEvents(new PostMortemPublished(ID));
        }

        @Test
        void aChangeAfterApprovalWithdrawsItAndAnswersWithTheVersionAfterIt() {
            withPolicy(ONE_FOR_SEV1);
            Object[] approved = ready(new ReviewApproved(ID, "dana", ""), new ReviewApproved(ID, "erin", ""));
            fixture.given(approved).when(new ChangeTitle(ID, null, "DNS outage"), by("ana"))
                   .expectEvents(new TitleChanged(ID, "DNS outage"), new ApprovalsWithdrawn(ID, List.of("dana", "erin")))
                   .expectResultMessagePayload((long) approved.length + 1);
            withPolicy(ONE_FOR_SEV1);
            List<Object> withdrawn = new ArrayList<>(Arrays.asList(approved));
            withdrawn.add(new TitleChanged(ID, "DNS outage"));
            withdrawn.add(new ApprovalsWithdrawn(ID, List.of("dana", "erin")));
            fixture.given(withdrawn).when(new Publish(ID, null)).expectException(StateConflictException.class);
        }

        @Test
        void commentsVerdictsAndRestrictionsWithdrawNothingNorDoesAChangeWhenNotSoConfigured() {
            Object[] approved = ready(new ReviewApproved(ID, "dana", ""));
            fixture.given(approved).when(new CommentOnReview(ID, null, "c-1", null, ReviewSection.GENERAL, null, "Nice."), by("erin"))
                   .expectEvents(new ReviewCommentAdded(ID, "c-1", null, ReviewSection.GENERAL, null, "Nice."));
            fixture.given(approved).when(new RestrictPostMortem(ID, null, List.of("ana"), List.of()), by("ana"))
                   .expectEvents(new PostMortemRestricted(ID, List.of("ana"), List.of()));
            fixture.given(approved).when(new ChangeTitle(ID, null, "Checkout outage")).expectNoEvents();
            withPolicy(new ReviewPolicy(Map.of(), false, SCALE));
            fixture.given(approved).when(new AddTimelineEntry(ID, null, "entry-2", at(5), TimelineEntryKind.ACTION, "Rolled back", null, null))
                   .expectEvents(new TimelineEntryAdded(ID, "entry-2", at(5), TimelineEntryKind.ACTION, "Rolled back", "", ""));
        }
    }

    @Nested
    class Policy {

        @Test
        void levelsAreTheScalesAnyCaseAndDefaultCoversTheRest() {
            ReviewPolicy policy = new ReviewPolicy(Map.of("sev1", 2, "SEV2", 1, "default", 0), true, SCALE);
            assertThat(policy.requiredApprovals("SEV1")).isEqualTo(2);
            assertThat(policy.requiredApprovals("sev2")).isEqualTo(1);
            assertThat(policy.requiredApprovals("SEV3")).isZero();
            assertThat(policy.requiredApprovals(null)).isZero();
            assertThat(new ReviewPolicy(null, true, SCALE).requiredApprovals("SEV1")).isZero();
        }

        @Test
        void anUnknownLevelOrAnImplausibleCountStopsTheService() {
            assertThatThrownBy(() -> new ReviewPolicy(Map.of("SEV9", 1), true, SCALE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("postmortem.review.required-approvals.SEV9 names no severity level; the levels are SEV1, SEV2, SEV3 (or 'default' for any other)");
            assertThatThrownBy(() -> new ReviewPolicy(Map.of("SEV1", -1), true, SCALE)).hasMessageContaining("from 0 to 10");
            assertThatThrownBy(() -> new ReviewPolicy(Map.of("default", 11), true, SCALE)).hasMessageContaining("from 0 to 10");
        }
    }
}
