package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.AddStakeholder;
import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.ChangeStakeholderRoles;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.ClearIncidentTime;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.CreatePostMortem;
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
import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.ReturnToDraft;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.SetIncidentTime;
import dev.postmortem.api.command.SetSeverity;
import dev.postmortem.api.command.StartCountermeasure;
import dev.postmortem.api.command.SubmitForReview;
import dev.postmortem.api.command.UnrestrictPostMortem;
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
import dev.postmortem.api.event.TimelineEntryCorrected;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.event.WhyRemoved;
import dev.postmortem.api.value.BugTicket;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.api.value.RevisitVerdict;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.domain.CommandMetaData;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.severity.SeverityScale;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Every command of the PostMortem aggregate, with its rejected cases, given/when/then. */
class PostMortemTest {

    static final String ID = "pm-1";
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final SeverityScale SCALE = new SeverityScale(List.of(
            new SeverityScale.Level("SEV1", "critical"), new SeverityScale.Level("SEV2", "major"),
            new SeverityScale.Level("SEV3", "moderate")));

    FixtureConfiguration<PostMortem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PostMortem.class);
        fixture.registerInjectableResource(SCALE);
    }

    static Object[] history(Object... more) {
        List<Object> events = new ArrayList<>();
        events.add(new PostMortemCreated(ID, "Checkout outage"));
        events.addAll(Arrays.asList(more));
        return events.toArray();
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    @Nested
    class Creation {

        @Test
        void createsADraftWithATrimmedTitle() {
            fixture.givenNoPriorActivity()
                   .when(new CreatePostMortem(ID, "  Checkout outage "))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(new PostMortemCreated(ID, "Checkout outage"));
        }

        @Test
        void rejectsABlankTitle() {
            fixture.givenNoPriorActivity()
                   .when(new CreatePostMortem(ID, "   "))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("must not be blank"))
                   .expectNoEvents();
        }

        @Test
        void rejectsAMissingId() {
            fixture.givenNoPriorActivity()
                   .when(new CreatePostMortem(" ", "Checkout outage"))
                   .expectException(InvalidValueException.class);
        }
    }

    @Nested
    class TitleAndMeeting {

        @Test
        void changesTheTitleAndReturnsTheNewVersion() {
            fixture.given(history())
                   .when(new ChangeTitle(ID, null, "Checkout outage in EU"))
                   .expectEvents(new TitleChanged(ID, "Checkout outage in EU"))
                   .expectResultMessagePayload(1L);
        }

        @Test
        void theSameTitleChangesNothingAndReturnsTheCurrentVersion() {
            fixture.given(history())
                   .when(new ChangeTitle(ID, null, " Checkout outage"))
                   .expectNoEvents()
                   .expectResultMessagePayload(0L);
        }

        @Test
        void rejectsABlankTitle() {
            fixture.given(history())
                   .when(new ChangeTitle(ID, null, ""))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void aStaleExpectedVersionIsAConflict() {
            fixture.given(history(new TitleChanged(ID, "Renamed")))
                   .when(new ChangeTitle(ID, 0L, "Mine"))
                   .expectException(ConflictingAggregateVersionException.class);
        }

        @Test
        void theCurrentExpectedVersionIsAccepted() {
            fixture.given(history(new TitleChanged(ID, "Renamed")))
                   .when(new ChangeTitle(ID, 1L, "Mine"))
                   .expectEvents(new TitleChanged(ID, "Mine"))
                   .expectResultMessagePayload(2L);
        }

        @Test
        void recordsMeetingDetailsOnceAndIgnoresTheSameAgain() {
            fixture.given(history())
                   .when(new RecordMeetingDetails(ID, null, at(2000), "Ana", "Ben"))
                   .expectEvents(new MeetingDetailsRecorded(ID, at(2000), "Ana", "Ben"));
            fixture.given(history(new MeetingDetailsRecorded(ID, at(2000), "Ana", "Ben")))
                   .when(new RecordMeetingDetails(ID, null, at(2000), "Ana ", "Ben"))
                   .expectNoEvents();
        }

        @Test
        void meetingDetailsNeedAllThreeFields() {
            fixture.given(history())
                   .when(new RecordMeetingDetails(ID, null, null, "Ana", "Ben"))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage("is required");
            fixture.given(history())
                   .when(new RecordMeetingDetails(ID, null, at(1), "Ana", " "))
                   .expectException(InvalidValueException.class);
        }
    }

    @Nested
    class IncidentTimes {

        @Test
        void recordsATimeTheFirstTime() {
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, "start", at(0)))
                   .expectEvents(new IncidentTimeRecorded(ID, "start", at(0)));
        }

        @Test
        void aChangedTimeIsACorrectionThatKeepsTheOldValue() {
            fixture.given(history(new IncidentTimeRecorded(ID, "end", at(90))))
                   .when(new SetIncidentTime(ID, null, "end", at(95)))
                   .expectEvents(new IncidentTimeCorrected(ID, "end", at(90), at(95)));
        }

        @Test
        void theSameTimeAgainChangesNothing() {
            fixture.given(history(new IncidentTimeRecorded(ID, "end", at(90))))
                   .when(new SetIncidentTime(ID, null, "end", at(90)))
                   .expectNoEvents();
        }

        @Test
        void additionalTimesAcceptAnyNameOfTheRightShape() {
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, " First User_Impact ", at(5)))
                   .expectEvents(new IncidentTimeRecorded(ID, "first-user-impact", at(5)));
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, "rollback-finished", at(5)))
                   .expectEvents(new IncidentTimeRecorded(ID, "rollback-finished", at(5)));
        }

        @Test
        void rejectsBadTimeNames() {
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, "st/art", at(5)))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("not a time name"));
        }

        @Test
        void endBeforeStartIsRejected() {
            fixture.given(history(new IncidentTimeRecorded(ID, "start", at(10))))
                   .when(new SetIncidentTime(ID, null, "end", at(9)))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("end"));
        }

        @Test
        void startAfterAnExistingEndIsRejected() {
            fixture.given(history(new IncidentTimeRecorded(ID, "end", at(10))))
                   .when(new SetIncidentTime(ID, null, "start", at(11)))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void detectBeforeStartIsRejected() {
            fixture.given(history(new IncidentTimeRecorded(ID, "start", at(10))))
                   .when(new SetIncidentTime(ID, null, "detect", at(5)))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("detect"));
        }

        @Test
        void endEqualToStartIsAccepted() {
            fixture.given(history(new IncidentTimeRecorded(ID, "start", at(10))))
                   .when(new SetIncidentTime(ID, null, "end", at(10)))
                   .expectEvents(new IncidentTimeRecorded(ID, "end", at(10)));
        }

        @Test
        void correctingStartIsCheckedAgainstDetectAndEnd() {
            fixture.given(history(new IncidentTimeRecorded(ID, "start", at(0)), new IncidentTimeRecorded(ID, "detect", at(20))))
                   .when(new SetIncidentTime(ID, null, "start", at(25)))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void aTimeNeedsAValue() {
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, "start", null))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void clearingKeepsThePreviousValueAndIsANoOpWhenUnset() {
            fixture.given(history(new IncidentTimeRecorded(ID, "hotfix", at(30))))
                   .when(new ClearIncidentTime(ID, null, "hotfix"))
                   .expectEvents(new IncidentTimeCleared(ID, "hotfix", at(30)));
            fixture.given(history())
                   .when(new ClearIncidentTime(ID, null, "hotfix"))
                   .expectNoEvents();
        }

        @Test
        void aClearedStartNoLongerConstrainsTheEnd() {
            fixture.given(history(new IncidentTimeRecorded(ID, "start", at(10)), new IncidentTimeCleared(ID, "start", at(10))))
                   .when(new SetIncidentTime(ID, null, "end", at(5)))
                   .expectEvents(new IncidentTimeRecorded(ID, "end", at(5)));
        }
    }

    @Nested
    class Severity {

        @Test
        void theFirstSeverityIsAnAssessmentInTheConfiguredSpelling() {
            fixture.given(history())
                   .when(new SetSeverity(ID, null, "sev2"))
                   .expectEvents(new SeverityAssessed(ID, "SEV2"));
        }

        @Test
        void aChangedSeverityIsARegrade() {
            fixture.given(history(new SeverityAssessed(ID, "SEV2")))
                   .when(new SetSeverity(ID, null, "SEV1"))
                   .expectEvents(new SeverityRegraded(ID, "SEV2", "SEV1"));
        }

        @Test
        void theSameSeverityTwiceIsANoOp() {
            fixture.given(history(new SeverityAssessed(ID, "SEV2")))
                   .when(new SetSeverity(ID, null, "SEV2"))
                   .expectNoEvents();
        }

        @Test
        void aLevelOutsideTheScaleIsRejectedWithTheScale() {
            fixture.given(history())
                   .when(new SetSeverity(ID, null, "SEV9"))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(allOf(containsString("SEV9"), containsString("SEV1, SEV2, SEV3")));
            fixture.given(history())
                   .when(new SetSeverity(ID, null, null))
                   .expectException(InvalidValueException.class);
        }
    }

    @Nested
    class Timeline {

        final TimelineEntryAdded added = new TimelineEntryAdded(ID, "e1", at(3), TimelineEntryKind.DETECTION,
                "Alert on checkout error rate", "", "on-call");

        @Test
        void addsAnEntryWithOptionalFieldsDefaultingToEmpty() {
            fixture.given(history())
                   .when(new AddTimelineEntry(ID, null, "e1", at(3), TimelineEntryKind.DETECTION, " Alert on checkout error rate ",
                           null, "on-call"))
                   .expectEvents(added);
        }

        @Test
        void anEntryNeedsTimeKindAndDescription() {
            fixture.given(history())
                   .when(new AddTimelineEntry(ID, null, "e1", null, TimelineEntryKind.ACTION, "x", null, null))
                   .expectException(InvalidValueException.class);
            fixture.given(history())
                   .when(new AddTimelineEntry(ID, null, "e1", at(1), null, "x", null, null))
                   .expectException(InvalidValueException.class);
            fixture.given(history())
                   .when(new AddTimelineEntry(ID, null, "e1", at(1), TimelineEntryKind.ACTION, " ", null, null))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void anEntryIdIsUsedOnce() {
            fixture.given(history(added))
                   .when(new AddTimelineEntry(ID, null, "e1", at(4), TimelineEntryKind.ACTION, "Rolled back", null, null))
                   .expectException(StateConflictException.class);
        }

        @Test
        void correctsAnEntry() {
            fixture.given(history(added))
                   .when(new CorrectTimelineEntry(ID, null, "e1", at(2), TimelineEntryKind.DETECTION, "Alert on checkout error rate",
                           "Paged the on-call engineer", "on-call"))
                   .expectEvents(new TimelineEntryCorrected(ID, "e1", at(2), TimelineEntryKind.DETECTION,
                           "Alert on checkout error rate", "Paged the on-call engineer", "on-call"));
        }

        @Test
        void anUnchangedCorrectionIsANoOp() {
            fixture.given(history(added))
                   .when(new CorrectTimelineEntry(ID, null, "e1", at(3), TimelineEntryKind.DETECTION, "Alert on checkout error rate",
                           "", "on-call"))
                   .expectNoEvents();
        }

        @Test
        void unknownEntriesAreRejected() {
            fixture.given(history(added))
                   .when(new CorrectTimelineEntry(ID, null, "nope", at(3), TimelineEntryKind.ACTION, "x", null, null))
                   .expectException(UnknownPartException.class);
            fixture.given(history(added))
                   .when(new WithdrawTimelineEntry(ID, null, "nope"))
                   .expectException(UnknownPartException.class);
        }

        @Test
        void withdrawsOnceAndThenRefusesCorrections() {
            fixture.given(history(added))
                   .when(new WithdrawTimelineEntry(ID, null, "e1"))
                   .expectEvents(new TimelineEntryWithdrawn(ID, "e1"));
            fixture.given(history(added, new TimelineEntryWithdrawn(ID, "e1")))
                   .when(new WithdrawTimelineEntry(ID, null, "e1"))
                   .expectNoEvents();
            fixture.given(history(added, new TimelineEntryWithdrawn(ID, "e1")))
                   .when(new CorrectTimelineEntry(ID, null, "e1", at(3), TimelineEntryKind.ACTION, "x", null, null))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage(containsString("withdrawn"));
        }
    }

    @Nested
    class Stakeholders {

        final StakeholderAdded ana = new StakeholderAdded(ID, "s1", "Ana", List.of(StakeholderRole.IDENTIFIED, StakeholderRole.RESPONDED));

        @Test
        void addsAStakeholderWithRolesInTheirNaturalOrder() {
            fixture.given(history())
                   .when(new AddStakeholder(ID, null, "s1", " Ana ", Set.of(StakeholderRole.RESPONDED, StakeholderRole.IDENTIFIED)))
                   .expectEvents(ana);
        }

        @Test
        void aStakeholderNeedsANameAndARole() {
            fixture.given(history())
                   .when(new AddStakeholder(ID, null, "s1", "Ana", Set.of()))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("at least one role"));
            fixture.given(history())
                   .when(new AddStakeholder(ID, null, "s1", "", Set.of(StakeholderRole.AFFECTED)))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void theSamePersonIsAddedOnce() {
            fixture.given(history(ana))
                   .when(new AddStakeholder(ID, null, "s2", "ana", Set.of(StakeholderRole.AFFECTED)))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage(containsString("already a stakeholder"));
        }

        @Test
        void changesRolesAndIgnoresTheSameRoles() {
            fixture.given(history(ana))
                   .when(new ChangeStakeholderRoles(ID, null, "s1", Set.of(StakeholderRole.DIAGNOSED)))
                   .expectEvents(new StakeholderRolesChanged(ID, "s1", List.of(StakeholderRole.DIAGNOSED)));
            fixture.given(history(ana))
                   .when(new ChangeStakeholderRoles(ID, null, "s1", Set.of(StakeholderRole.RESPONDED, StakeholderRole.IDENTIFIED)))
                   .expectNoEvents();
        }

        @Test
        void removesAndThenNoLongerKnowsTheStakeholder() {
            fixture.given(history(ana))
                   .when(new RemoveStakeholder(ID, null, "s1"))
                   .expectEvents(new StakeholderRemoved(ID, "s1"));
            fixture.given(history(ana, new StakeholderRemoved(ID, "s1")))
                   .when(new ChangeStakeholderRoles(ID, null, "s1", Set.of(StakeholderRole.AFFECTED)))
                   .expectException(UnknownPartException.class);
            fixture.given(history(ana, new StakeholderRemoved(ID, "s1")))
                   .when(new AddStakeholder(ID, null, "s2", "Ana", Set.of(StakeholderRole.AFFECTED)))
                   .expectEvents(new StakeholderAdded(ID, "s2", "Ana", List.of(StakeholderRole.AFFECTED)));
        }

        @Test
        void removingAnUnknownStakeholderIsRejected() {
            fixture.given(history())
                   .when(new RemoveStakeholder(ID, null, "s9"))
                   .expectException(UnknownPartException.class);
        }
    }

    @Nested
    class FiveWhys {

        final WhyAnswered first = new WhyAnswered(ID, 1, "Why did checkout fail?", "The database refused connections.");
        final WhyAnswered second = new WhyAnswered(ID, 2, "Why did it refuse them?", "The pool limit was reached.");

        @Test
        void answersStepsInOrder() {
            fixture.given(history())
                   .when(new AnswerWhy(ID, null, 1, "Why did checkout fail?", "The database refused connections."))
                   .expectEvents(first);
            fixture.given(history(first))
                   .when(new AnswerWhy(ID, null, 2, "Why did it refuse them?", "The pool limit was reached."))
                   .expectEvents(second);
        }

        @Test
        void stepsCannotSkipAhead() {
            fixture.given(history(first))
                   .when(new AnswerWhy(ID, null, 3, "Why?", "Because."))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("step 2"));
            fixture.given(history())
                   .when(new AnswerWhy(ID, null, 0, "Why?", "Because."))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void reAnsweringAStepReplacesItAndTheSameAnswerIsANoOp() {
            fixture.given(history(first, second))
                   .when(new AnswerWhy(ID, null, 1, "Why did checkout fail?", "Connections were refused by the primary."))
                   .expectEvents(new WhyAnswered(ID, 1, "Why did checkout fail?", "Connections were refused by the primary."));
            fixture.given(history(first, second))
                   .when(new AnswerWhy(ID, null, 2, "Why did it refuse them?", "The pool limit was reached."))
                   .expectNoEvents();
        }

        @Test
        void aStepNeedsQuestionAndAnswer() {
            fixture.given(history())
                   .when(new AnswerWhy(ID, null, 1, "Why?", " "))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void onlyTheLastStepCanBeRemoved() {
            fixture.given(history(first, second))
                   .when(new RemoveWhy(ID, null, 2))
                   .expectEvents(new WhyRemoved(ID, 2));
            fixture.given(history(first, second))
                   .when(new RemoveWhy(ID, null, 1))
                   .expectException(StateConflictException.class);
            fixture.given(history(first))
                   .when(new RemoveWhy(ID, null, 2))
                   .expectException(UnknownPartException.class);
        }

        @Test
        void afterRemovalTheStepCanBeAnsweredAgain() {
            fixture.given(history(first, second, new WhyRemoved(ID, 2)))
                   .when(new AnswerWhy(ID, null, 2, "Why was the limit reached?", "A retry storm."))
                   .expectEvents(new WhyAnswered(ID, 2, "Why was the limit reached?", "A retry storm."));
        }

        @Test
        void identifiesTheRootCauseOnce() {
            fixture.given(history())
                   .when(new IdentifyRootCause(ID, null, " Retries without back-off "))
                   .expectEvents(new RootCauseIdentified(ID, "Retries without back-off"));
            fixture.given(history(new RootCauseIdentified(ID, "Retries without back-off")))
                   .when(new IdentifyRootCause(ID, null, "Retries without back-off"))
                   .expectNoEvents();
        }
    }

    @Nested
    class Description {

        @Test
        void writesOnlyTheFieldsThatChanged() {
            fixture.given(history(new SummaryWritten(ID, "Checkout failed for 40 minutes.")))
                   .when(new WriteDescription(ID, null, "Checkout failed for 40 minutes.", "Raised the pool limit.",
                           "Dashboard: https://grafana.example/d/1"))
                   .expectEvents(new RemediationWritten(ID, "Raised the pool limit."),
                           new AdditionalInfoWritten(ID, "Dashboard: https://grafana.example/d/1"));
        }

        @Test
        void nullClearsAFieldAndAnUnchangedDescriptionIsANoOp() {
            fixture.given(history(new SummaryWritten(ID, "Old")))
                   .when(new WriteDescription(ID, null, null, null, null))
                   .expectEvents(new SummaryWritten(ID, ""));
            fixture.given(history())
                   .when(new WriteDescription(ID, null, "", " ", null))
                   .expectNoEvents();
        }

        @Test
        void bugTicketsAreLinkedUnlinkedAndUpdated() {
            fixture.given(history(new BugTicketLinked(ID, "OPS-1", "https://tracker.example/OPS-1"),
                           new BugTicketLinked(ID, "OPS-2", "https://tracker.example/OPS-2")))
                   .when(new ReplaceBugTickets(ID, null, List.of(
                           new BugTicket("OPS-2", "https://tracker.example/browse/OPS-2"),
                           new BugTicket("OPS-3", "https://tracker.example/OPS-3"))))
                   .expectEvents(new BugTicketUnlinked(ID, "OPS-1"),
                           new BugTicketLinked(ID, "OPS-2", "https://tracker.example/browse/OPS-2"),
                           new BugTicketLinked(ID, "OPS-3", "https://tracker.example/OPS-3"));
        }

        @Test
        void bugTicketsNeedAnHttpUrlAndUniqueReferences() {
            fixture.given(history())
                   .when(new ReplaceBugTickets(ID, null, List.of(new BugTicket("OPS-1", "javascript:alert(1)"))))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("http"));
            fixture.given(history())
                   .when(new ReplaceBugTickets(ID, null, List.of(new BugTicket("OPS-1", "https://t.example/1"),
                           new BugTicket("OPS-1", "https://t.example/2"))))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("twice"));
        }

        @Test
        void tagsAreNormalisedAndDiffed() {
            fixture.given(history(new TagAdded(ID, "database"), new TagAdded(ID, "dns")))
                   .when(new ReplaceTags(ID, null, List.of(" Database ", "Connection Pool", "DATABASE")))
                   .expectEvents(new TagRemoved(ID, "dns"), new TagAdded(ID, "connection pool"));
            fixture.given(history(new TagAdded(ID, "database")))
                   .when(new ReplaceTags(ID, null, List.of("DataBase")))
                   .expectNoEvents();
        }

        @Test
        void tagsHaveALengthLimit() {
            fixture.given(history())
                   .when(new ReplaceTags(ID, null, List.of("x".repeat(101))))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void servicesAndTeamsAreDiffed() {
            fixture.given(history(new AffectedServiceAdded(ID, "checkout")))
                   .when(new ReplaceAffectedServices(ID, null, List.of("payments", " checkout ")))
                   .expectEvents(new AffectedServiceAdded(ID, "payments"));
            fixture.given(history(new AffectedServiceAdded(ID, "checkout")))
                   .when(new ReplaceAffectedServices(ID, null, List.of()))
                   .expectEvents(new AffectedServiceRemoved(ID, "checkout"));
            fixture.given(history(new OwningTeamAdded(ID, "Team Payments")))
                   .when(new ReplaceOwningTeams(ID, null, List.of("Team Checkout")))
                   .expectEvents(new OwningTeamRemoved(ID, "Team Payments"), new OwningTeamAdded(ID, "Team Checkout"));
        }
    }

    @Nested
    class Countermeasures {

        final CountermeasureProposed proposed = new CountermeasureProposed(ID, "c1", "Add back-off to retries", "",
                CountermeasurePriority.HIGH, CountermeasureType.PREVENTIVE);
        final CountermeasureAssigned assigned = new CountermeasureAssigned(ID, "c1", "Ana", LocalDate.parse("2026-12-15"));

        @Test
        void proposesACountermeasure() {
            fixture.given(history())
                   .when(new ProposeCountermeasure(ID, null, "c1", "Add back-off to retries", null, CountermeasurePriority.HIGH,
                           CountermeasureType.PREVENTIVE))
                   .expectEvents(proposed);
        }

        @Test
        void aProposalNeedsTitlePriorityAndType() {
            fixture.given(history())
                   .when(new ProposeCountermeasure(ID, null, "c1", "x", null, null, CountermeasureType.PREVENTIVE))
                   .expectException(InvalidValueException.class);
            fixture.given(history())
                   .when(new ProposeCountermeasure(ID, null, "c1", "x", null, CountermeasurePriority.LOW, null))
                   .expectException(InvalidValueException.class);
            fixture.given(history())
                   .when(new ProposeCountermeasure(ID, null, "c1", "", null, CountermeasurePriority.LOW, CountermeasureType.DETECTIVE))
                   .expectException(InvalidValueException.class);
            fixture.given(history(proposed))
                   .when(new ProposeCountermeasure(ID, null, "c1", "Again", null, CountermeasurePriority.LOW, CountermeasureType.DETECTIVE))
                   .expectException(StateConflictException.class);
        }

        @Test
        void revisesAndIgnoresAnUnchangedRevision() {
            fixture.given(history(proposed))
                   .when(new ReviseCountermeasure(ID, null, "c1", "Add back-off to retries", "Exponential, capped",
                           CountermeasurePriority.CRITICAL, CountermeasureType.PREVENTIVE))
                   .expectEvents(new CountermeasureRevised(ID, "c1", "Add back-off to retries", "Exponential, capped",
                           CountermeasurePriority.CRITICAL, CountermeasureType.PREVENTIVE));
            fixture.given(history(proposed))
                   .when(new ReviseCountermeasure(ID, null, "c1", "Add back-off to retries", null, CountermeasurePriority.HIGH,
                           CountermeasureType.PREVENTIVE))
                   .expectNoEvents();
        }

        @Test
        void assignsAndReassigns() {
            fixture.given(history(proposed))
                   .when(new AssignCountermeasure(ID, null, "c1", "Ana", LocalDate.parse("2026-12-15")))
                   .expectEvents(assigned);
            fixture.given(history(proposed, assigned))
                   .when(new AssignCountermeasure(ID, null, "c1", "Ben", LocalDate.parse("2026-12-15")))
                   .expectEvents(new CountermeasureAssigned(ID, "c1", "Ben", LocalDate.parse("2026-12-15")));
            fixture.given(history(proposed, assigned))
                   .when(new AssignCountermeasure(ID, null, "c1", "Ana", LocalDate.parse("2026-12-15")))
                   .expectNoEvents();
        }

        @Test
        void anAssignmentNeedsOwnerAndTargetDate() {
            fixture.given(history(proposed))
                   .when(new AssignCountermeasure(ID, null, "c1", "Ana", null))
                   .expectException(InvalidValueException.class);
            fixture.given(history(proposed))
                   .when(new AssignCountermeasure(ID, null, "c1", " ", LocalDate.parse("2026-12-15")))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void noCompletionBeforeAssignment() {
            fixture.given(history(proposed))
                   .when(new CompleteCountermeasure(ID, null, "c1", "done"))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage(containsString("before it is assigned"));
        }

        @Test
        void noStartBeforeAssignment() {
            fixture.given(history(proposed))
                   .when(new StartCountermeasure(ID, null, "c1"))
                   .expectException(StateConflictException.class);
        }

        @Test
        void startsOnceThenCompletesOnce() {
            fixture.given(history(proposed, assigned))
                   .when(new StartCountermeasure(ID, null, "c1"))
                   .expectEvents(new CountermeasureStarted(ID, "c1"));
            fixture.given(history(proposed, assigned, new CountermeasureStarted(ID, "c1")))
                   .when(new StartCountermeasure(ID, null, "c1"))
                   .expectNoEvents();
            fixture.given(history(proposed, assigned, new CountermeasureStarted(ID, "c1")))
                   .when(new CompleteCountermeasure(ID, null, "c1", " Retries back off exponentially "))
                   .expectEvents(new CountermeasureCompleted(ID, "c1", "Retries back off exponentially"));
            fixture.given(history(proposed, assigned, new CountermeasureCompleted(ID, "c1", "")))
                   .when(new CompleteCountermeasure(ID, null, "c1", "again"))
                   .expectNoEvents();
        }

        @Test
        void aCompletedCountermeasureCannotBeStartedReassignedOrDeclined() {
            Object[] completed = history(proposed, assigned, new CountermeasureCompleted(ID, "c1", ""));
            fixture.given(completed).when(new StartCountermeasure(ID, null, "c1")).expectException(StateConflictException.class);
            fixture.given(completed).when(new AssignCountermeasure(ID, null, "c1", "Ben", LocalDate.parse("2027-01-01")))
                   .expectException(StateConflictException.class);
            fixture.given(completed).when(new DeclineCountermeasure(ID, null, "c1", "no"))
                   .expectException(StateConflictException.class);
        }

        @Test
        void declinesWithAReasonOnce() {
            fixture.given(history(proposed))
                   .when(new DeclineCountermeasure(ID, null, "c1", "Superseded by the new pooler"))
                   .expectEvents(new CountermeasureDeclined(ID, "c1", "Superseded by the new pooler"));
            fixture.given(history(proposed))
                   .when(new DeclineCountermeasure(ID, null, "c1", " "))
                   .expectException(InvalidValueException.class);
            Object[] declined = history(proposed, new CountermeasureDeclined(ID, "c1", "no"));
            fixture.given(declined).when(new DeclineCountermeasure(ID, null, "c1", "still no")).expectNoEvents();
            fixture.given(declined).when(new CompleteCountermeasure(ID, null, "c1", "")).expectException(StateConflictException.class);
            fixture.given(declined).when(new AssignCountermeasure(ID, null, "c1", "Ana", LocalDate.parse("2026-12-15")))
                   .expectException(StateConflictException.class);
        }

        @Test
        void onlyCompletedCountermeasuresAreRevisitedAndEachRevisitCounts() {
            fixture.given(history(proposed, assigned))
                   .when(new RevisitCountermeasure(ID, null, "c1", RevisitVerdict.EFFECTIVE, ""))
                   .expectException(StateConflictException.class);
            Object[] completed = history(proposed, assigned, new CountermeasureCompleted(ID, "c1", ""),
                    new CountermeasureRevisited(ID, "c1", RevisitVerdict.EFFECTIVE, "no repeat in 90 days"));
            fixture.given(completed)
                   .when(new RevisitCountermeasure(ID, null, "c1", RevisitVerdict.EFFECTIVE, "no repeat in 180 days"))
                   .expectEvents(new CountermeasureRevisited(ID, "c1", RevisitVerdict.EFFECTIVE, "no repeat in 180 days"));
            fixture.given(completed)
                   .when(new RevisitCountermeasure(ID, null, "c1", null, ""))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void anOpenCountermeasurePastItsTargetDateIsAnnouncedOverdueOncePerTargetDate() {
            LocalDate dayAfterTarget = LocalDate.parse("2026-12-16");
            CountermeasureBecameOverdue overdue = new CountermeasureBecameOverdue(ID, "c1", "Ana", LocalDate.parse("2026-12-15"));
            fixture.given(history(proposed, assigned))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", LocalDate.parse("2026-12-15")))
                   .expectNoEvents();
            fixture.given(history(proposed, assigned))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", dayAfterTarget))
                   .expectEvents(overdue);
            fixture.given(history(proposed, assigned, new CountermeasureStarted(ID, "c1")))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", dayAfterTarget))
                   .expectEvents(overdue);
            fixture.given(history(proposed, assigned, overdue))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", LocalDate.parse("2027-01-30")))
                   .expectNoEvents();
            CountermeasureAssigned replanned = new CountermeasureAssigned(ID, "c1", "Ana", LocalDate.parse("2027-01-10"));
            fixture.given(history(proposed, assigned, overdue, replanned))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", LocalDate.parse("2027-01-11")))
                   .expectEvents(new CountermeasureBecameOverdue(ID, "c1", "Ana", LocalDate.parse("2027-01-10")));
        }

        @Test
        void doneUnplannedOrDeclinedCountermeasuresAreNeverAnnouncedOverdue() {
            LocalDate later = LocalDate.parse("2027-06-01");
            fixture.given(history(proposed))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", later)).expectNoEvents();
            fixture.given(history(proposed, assigned, new CountermeasureCompleted(ID, "c1", "")))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", later)).expectNoEvents();
            fixture.given(history(proposed, assigned, new CountermeasureDeclined(ID, "c1", "superseded")))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", later)).expectNoEvents();
            fixture.given(history(proposed, assigned))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", null)).expectException(InvalidValueException.class);
            fixture.given(history(proposed, assigned))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c9", later)).expectException(UnknownPartException.class);
        }

        @Test
        void unknownCountermeasuresAreRejected() {
            Object[] given = history(proposed);
            fixture.given(given).when(new AssignCountermeasure(ID, null, "c9", "Ana", LocalDate.parse("2026-12-15")))
                   .expectException(UnknownPartException.class);
            fixture.given(given).when(new StartCountermeasure(ID, null, "c9")).expectException(UnknownPartException.class);
            fixture.given(given).when(new CompleteCountermeasure(ID, null, "c9", "")).expectException(UnknownPartException.class);
            fixture.given(given).when(new DeclineCountermeasure(ID, null, "c9", "x")).expectException(UnknownPartException.class);
            fixture.given(given).when(new RevisitCountermeasure(ID, null, "c9", RevisitVerdict.OBSOLETE, ""))
                   .expectException(UnknownPartException.class);
            fixture.given(given).when(new ReviseCountermeasure(ID, null, "c9", "x", "", CountermeasurePriority.LOW,
                    CountermeasureType.MITIGATING)).expectException(UnknownPartException.class);
        }
    }

    @Nested
    class Caps {

        @Test
        void aPostMortemHoldsAtMost100StakeholdersAnd500TimelineEntries() {
            List<Object> stakeholders = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                stakeholders.add(new StakeholderAdded(ID, "s" + i, "Person " + i, List.of(StakeholderRole.AFFECTED)));
            }
            fixture.given(history(stakeholders.toArray()))
                   .when(new AddStakeholder(ID, null, "s100", "One more", Set.of(StakeholderRole.AFFECTED)))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(org.hamcrest.Matchers.containsString("at most 100"));
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                entries.add(new TimelineEntryAdded(ID, "e" + i, at(3), TimelineEntryKind.ACTION, "step " + i, "", ""));
            }
            fixture.given(history(entries.toArray()))
                   .when(new AddTimelineEntry(ID, null, "e500", at(3), TimelineEntryKind.ACTION, "one more", null, null))
                   .expectException(InvalidValueException.class);
            fixture.given(history(entries.subList(0, 499).toArray()))
                   .when(new AddTimelineEntry(ID, null, "e499", at(3), TimelineEntryKind.ACTION, "the last one", null, null))
                   .expectSuccessfulHandlerExecution();
        }
    }

    /** Values well-formed in JSON that no store downstream can hold, or that would make the post-mortem unbounded. */
    @Nested
    class Bounds {

        @Test
        void timesOutsideTheSaneRangeAreRefusedNamingTheField() {
            for (Instant far : List.of(Instant.parse("+999999999-12-31T23:59:59Z"), Instant.parse("2200-01-01T00:00:00Z"),
                    Instant.parse("1969-12-31T23:59:59Z"), Instant.MIN)) {
                fixture.given(history())
                       .when(new SetIncidentTime(ID, null, "start", far))
                       .expectException(InvalidValueException.class)
                       .expectExceptionMessage(containsString("must be from 1970-01-01T00:00:00Z"))
                       .expectNoEvents();
                fixture.given(history())
                       .when(new RecordMeetingDetails(ID, null, far, "Ana", "Fac"))
                       .expectException(InvalidValueException.class)
                       .expectNoEvents();
                fixture.given(history())
                       .when(new AddTimelineEntry(ID, null, "e1", far, TimelineEntryKind.ACTION, "x", null, null))
                       .expectException(InvalidValueException.class)
                       .expectNoEvents();
            }
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, "x", Instant.parse("2199-12-31T23:59:59Z")))
                   .expectEvents(new IncidentTimeRecorded(ID, "x", Instant.parse("2199-12-31T23:59:59Z")));
            fixture.given(history())
                   .when(new SetIncidentTime(ID, null, "x", Instant.parse("1970-01-01T00:00:00Z")))
                   .expectSuccessfulHandlerExecution();
        }

        @Test
        void targetDatesOutsideTheSaneRangeAreRefused() {
            Object proposed = new CountermeasureProposed(ID, "c1", "Alert", "", CountermeasurePriority.HIGH, CountermeasureType.DETECTIVE);
            for (LocalDate far : List.of(LocalDate.MAX, LocalDate.MIN, LocalDate.of(2200, 1, 1), LocalDate.of(1969, 12, 31))) {
                fixture.given(history(proposed))
                       .when(new AssignCountermeasure(ID, null, "c1", "ana", far))
                       .expectException(InvalidValueException.class)
                       .expectExceptionMessage(containsString("must be from 1970-01-01 up to (not including) 2200-01-01"))
                       .expectNoEvents();
            }
            fixture.given(history(proposed))
                   .when(new AssignCountermeasure(ID, null, "c1", "ana", LocalDate.of(2199, 12, 31)))
                   .expectSuccessfulHandlerExecution();
        }

        /** 5,000 characters of a three-byte script fit a field's character cap; 1 MiB of text in all is the bound. */
        @Test
        void theWholePostMortemsTextIsBoundedInBytesAndACommandCrossingItStoresNothing() {
            String threeByteText = "検".repeat(5_000);
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < 46; i++) {
                entries.add(new TimelineEntryAdded(ID, "e" + i, at(3), TimelineEntryKind.ACTION, threeByteText, threeByteText, ""));
            }
            Object[] nearlyFull = history(entries.subList(0, 34).toArray());
            fixture.given(nearlyFull)
                   .when(new AddTimelineEntry(ID, null, "one-more", at(3), TimelineEntryKind.ACTION, threeByteText, threeByteText, null))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(allOf(containsString("at most 1048576 bytes"), containsString("it would hold")))
                   .expectNoEvents();
            fixture.given(nearlyFull)
                   .when(new WriteDescription(ID, null, "検".repeat(9_000), null, null))
                   .expectException(InvalidValueException.class)
                   .expectNoEvents();
            fixture.given(nearlyFull)
                   .when(new WriteDescription(ID, null, "a short summary", null, null))
                   .expectSuccessfulHandlerExecution();
            fixture.given(history(entries.subList(0, 30).toArray()))
                   .when(new AddTimelineEntry(ID, null, "one-more", at(3), TimelineEntryKind.ACTION, threeByteText, threeByteText, null))
                   .expectSuccessfulHandlerExecution();
        }

        /** Stored before the bound: such a post-mortem takes every change that does not make it larger. */
        @Test
        void aPostMortemAlreadyOverTheBoundTakesChangesThatDoNotGrowIt() {
            String threeByteText = "検".repeat(5_000);
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < 46; i++) {
                entries.add(new TimelineEntryAdded(ID, "e" + i, at(3), TimelineEntryKind.ACTION, threeByteText, threeByteText, ""));
            }
            fixture.given(history(entries.toArray()))
                   .when(new WithdrawTimelineEntry(ID, null, "e1"))
                   .expectEvents(new TimelineEntryWithdrawn(ID, "e1"));
            fixture.given(history(entries.toArray()))
                   .when(new CorrectTimelineEntry(ID, null, "e1", at(3), TimelineEntryKind.ACTION, "shorter", "", null))
                   .expectSuccessfulHandlerExecution();
            fixture.given(history(entries.toArray()))
                   .when(new WriteDescription(ID, null, "one more word", null, null))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void removingTextMakesRoomAgain() {
            String text = "x".repeat(15_000);
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < 67; i++) {
                entries.add(new TimelineEntryAdded(ID, "e" + i, at(3), TimelineEntryKind.ACTION, text, "", ""));
            }
            entries.add(new SummaryWritten(ID, "y".repeat(20_000)));
            fixture.given(history(entries.toArray()))
                   .when(new IdentifyRootCause(ID, null, "z".repeat(20_000)))
                   .expectException(InvalidValueException.class);
            fixture.given(history(entries.toArray()))
                   .when(new WriteDescription(ID, null, "", null, null))
                   .expectSuccessfulHandlerExecution();
            entries.add(new SummaryWritten(ID, ""));
            fixture.given(history(entries.toArray()))
                   .when(new IdentifyRootCause(ID, null, "z".repeat(20_000)))
                   .expectEvents(new RootCauseIdentified(ID, "z".repeat(20_000)));
        }

        @Test
        void aCompletedCountermeasureIsRevisitedAtMost50Times() {
            List<Object> events = new ArrayList<>(List.of(
                    new CountermeasureProposed(ID, "c1", "Alert", "", CountermeasurePriority.HIGH, CountermeasureType.DETECTIVE),
                    new CountermeasureAssigned(ID, "c1", "ana", LocalDate.of(2026, 12, 1)),
                    new CountermeasureCompleted(ID, "c1", "")));
            for (int i = 0; i < 50; i++) {
                events.add(new CountermeasureRevisited(ID, "c1", RevisitVerdict.EFFECTIVE, "still fine"));
            }
            fixture.given(history(events.toArray()))
                   .when(new RevisitCountermeasure(ID, null, "c1", RevisitVerdict.EFFECTIVE, "again"))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("at most 50"));
            fixture.given(history(events.subList(0, 52).toArray()))
                   .when(new RevisitCountermeasure(ID, null, "c1", RevisitVerdict.EFFECTIVE, "again"))
                   .expectSuccessfulHandlerExecution();
        }

        @Test
        void aPostMortemTakesAtMost10000Changes() {
            List<Object> events = new ArrayList<>();
            for (int i = 0; i < 9_999; i++) {
                events.add(i % 2 == 0 ? new TagAdded(ID, "flip") : new TagRemoved(ID, "flip"));
            }
            fixture.given(history(events.toArray()))
                   .when(new ReplaceTags(ID, null, List.of("other")))
                   .expectException(InvalidValueException.class)
                   .expectExceptionMessage(containsString("at most 10000 changes"))
                   .expectNoEvents();
            fixture.given(history(events.subList(0, 9_998).toArray()))
                   .when(new ReplaceTags(ID, null, List.of("flip")))
                   .expectSuccessfulHandlerExecution();
            fixture.given(history(events.toArray()))
                   .when(new AnnounceOverdueCountermeasure(ID, null, "c1", LocalDate.of(2026, 12, 1)),
                           Map.of("actor", "system:overdue-watch", CommandMetaData.TRUSTED_SYSTEM, true))
                   .expectException(UnknownPartException.class);
        }
    }

    @Nested
    class Restriction {

        final PostMortemRestricted restricted = new PostMortemRestricted(ID, List.of("ana", "fac"), List.of("security"));

        @Test
        void restrictsToNamedPeopleAndGroupsAlwaysIncludingWhoRestrictsIt() {
            fixture.given(history())
                   .when(new RestrictPostMortem(ID, null, List.of(" ana "), List.of("security")), Map.of("actor", "fac"))
                   .expectEvents(restricted);
            fixture.given(history(restricted))
                   .when(new RestrictPostMortem(ID, null, List.of("ana", "fac"), List.of("security")), Map.of("actor", "fac"))
                   .expectNoEvents();
            fixture.given(history())
                   .when(new RestrictPostMortem(ID, null, List.of(), null), Map.of("actor", "fac"))
                   .expectException(InvalidValueException.class);
        }

        @Test
        void aStaleVersionOfARestrictedPostMortemIsAnsweredAsAnUnknownIdNotWithItsVersion() {
            fixture.given(history(restricted))
                   .when(new ChangeTitle(ID, 999_999L, "Probe"), Map.of("actor", "bob"))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(history(restricted))
                   .when(new ChangeTitle(ID, 0L, "Stale"), Map.of("actor", "ana"))
                   .expectException(ConflictingAggregateVersionException.class);
        }

        @Test
        void isCreatedRestrictedInOneEventWithTheCreatorAmongThePeople() {
            fixture.givenNoPriorActivity()
                   .when(new CreatePostMortem(ID, "Credential leak", List.of("ana"), List.of("security")), Map.of("actor", "fac"))
                   .expectEvents(new PostMortemCreated(ID, "Credential leak", List.of("ana", "fac"), List.of("security")));
            fixture.given(new PostMortemCreated(ID, "Credential leak", List.of("ana", "fac"), List.of("security")))
                   .when(new ChangeTitle(ID, null, "Leaked"), Map.of("actor", "bob"))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(new PostMortemCreated(ID, "Credential leak", List.of("ana", "fac"), List.of("security")))
                   .when(new UnrestrictPostMortem(ID, null), Map.of("actor", "fac"))
                   .expectEvents(new PostMortemUnrestricted(ID));
        }

        @Test
        void othersAreToldItDoesNotExistWhileThoseNamedAndTheGroupWork() {
            fixture.given(history(restricted))
                   .when(new ChangeTitle(ID, null, "Leaked"), Map.of("actor", "bob", "groups", List.of("payments")))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(history(restricted))
                   .when(new ChangeTitle(ID, null, "Renamed"), Map.of("actor", "ana"))
                   .expectEvents(new TitleChanged(ID, "Renamed"));
            fixture.given(history(restricted))
                   .when(new ChangeTitle(ID, null, "Renamed"), Map.of("actor", "cy", "groups", List.of("security")))
                   .expectEvents(new TitleChanged(ID, "Renamed"));
            fixture.given(history(restricted))
                   .when(new UnrestrictPostMortem(ID, null), Map.of("actor", "ana"))
                   .expectEvents(new PostMortemUnrestricted(ID));
            fixture.given(history(restricted, new PostMortemUnrestricted(ID)))
                   .when(new ChangeTitle(ID, null, "Open again"), Map.of("actor", "bob"))
                   .expectEvents(new TitleChanged(ID, "Open again"));
            fixture.given(history())
                   .when(new UnrestrictPostMortem(ID, null), Map.of("actor", "bob"))
                   .expectNoEvents();
        }
        /** The members handle their own commands; the root's guard still runs around each of them, first. */
        @Test
        void guardsTheCommandsItsMembersHandleBeforeTheyLookForTheirPart() {
            Object[] restrictedWithParts = history(restricted,
                    new TimelineEntryAdded(ID, "e1", at(3), TimelineEntryKind.DETECTION, "Alert fired", "", ""),
                    new CountermeasureProposed(ID, "c1", "Back-off", "", CountermeasurePriority.HIGH, CountermeasureType.PREVENTIVE));
            fixture.given(restrictedWithParts)
                   .when(new WithdrawTimelineEntry(ID, null, "e1"), Map.of("actor", "bob"))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(restrictedWithParts)
                   .when(new WithdrawTimelineEntry(ID, null, "no-such-entry"), Map.of("actor", "bob"))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(restrictedWithParts)
                   .when(new AssignCountermeasure(ID, null, "c1", "Bob", LocalDate.parse("2026-12-15")), Map.of("actor", "bob"))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(restrictedWithParts)
                   .when(new AnswerWhy(ID, null, 1, "Why?", "Because."), Map.of("actor", "bob"))
                   .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
            fixture.given(restrictedWithParts)
                   .when(new WithdrawTimelineEntry(ID, 1L, "e1"), Map.of("actor", "ana"))
                   .expectException(ConflictingAggregateVersionException.class);
            fixture.given(restrictedWithParts)
                   .when(new WithdrawTimelineEntry(ID, null, "no-such-entry"), Map.of("actor", "ana"))
                   .expectException(UnknownPartException.class)
                   .expectExceptionMessage("the post-mortem has no timeline entry no-such-entry");
            fixture.given(restrictedWithParts)
                   .when(new WithdrawTimelineEntry(ID, null, "e1"), Map.of("actor", "ana"))
                   .expectEvents(new TimelineEntryWithdrawn(ID, "e1"));
        }
    }

    @Nested
    class Lifecycle {

        final Object[] ready = history(
                new SeverityAssessed(ID, "SEV2"),
                new SummaryWritten(ID, "Checkout failed for 40 minutes."),
                new TimelineEntryAdded(ID, "e1", at(3), TimelineEntryKind.DETECTION, "Alert fired", "", ""),
                new CountermeasureProposed(ID, "c1", "Back-off", "", CountermeasurePriority.HIGH, CountermeasureType.PREVENTIVE),
                new CountermeasureAssigned(ID, "c1", "Ana", LocalDate.parse("2026-12-15")),
                new CountermeasureProposed(ID, "c2", "Not worth it", "", CountermeasurePriority.LOW, CountermeasureType.DETECTIVE),
                new CountermeasureDeclined(ID, "c2", "Covered by c1"),
                new SubmittedForReview(ID));

        @Test
        void submitsForReviewAndBackToDraft() {
            fixture.given(history()).when(new SubmitForReview(ID, null)).expectEvents(new SubmittedForReview(ID));
            fixture.given(history(new SubmittedForReview(ID))).when(new SubmitForReview(ID, null)).expectNoEvents();
            fixture.given(history(new SubmittedForReview(ID))).when(new ReturnToDraft(ID, null)).expectEvents(new ReturnedToDraft(ID));
            fixture.given(history()).when(new ReturnToDraft(ID, null)).expectNoEvents();
        }

        @Test
        void publishesWhenEveryRequirementIsMet() {
            fixture.given(ready).when(new Publish(ID, null)).expectEvents(new PostMortemPublished(ID));
        }

        @Test
        void aDraftIsNotPublishedWithoutReview() {
            fixture.given(history()).when(new Publish(ID, null))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage(containsString("submit it for review"));
        }

        @Test
        void publicationListsEveryMissingRequirement() {
            fixture.given(history(
                           new TimelineEntryAdded(ID, "e1", at(3), TimelineEntryKind.DETECTION, "Alert fired", "", ""),
                           new TimelineEntryWithdrawn(ID, "e1"),
                           new CountermeasureProposed(ID, "c1", "Back-off", "", CountermeasurePriority.HIGH, CountermeasureType.PREVENTIVE),
                           new SubmittedForReview(ID)))
                   .when(new Publish(ID, null))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage(containsString("4 requirement(s) not met"))
                   .expectNoEvents();
        }

        @Test
        void anOpenCountermeasureWithoutTargetDateBlocksPublication() {
            fixture.given(history(
                           new SeverityAssessed(ID, "SEV2"),
                           new SummaryWritten(ID, "Summary"),
                           new TimelineEntryAdded(ID, "e1", at(3), TimelineEntryKind.DETECTION, "Alert fired", "", ""),
                           new CountermeasureProposed(ID, "c1", "Back-off", "", CountermeasurePriority.HIGH, CountermeasureType.PREVENTIVE),
                           new SubmittedForReview(ID)))
                   .when(new Publish(ID, null))
                   .expectException(StateConflictException.class)
                   .expectExceptionMessage(containsString("1 requirement(s) not met"));
        }

        @Test
        void publishedStaysPublishedButTakesCorrections() {
            Object[] published = new ArrayList<>(Arrays.asList(ready)) {{
                add(new PostMortemPublished(ID));
            }}.toArray();
            fixture.given(published).when(new Publish(ID, null)).expectNoEvents();
            fixture.given(published).when(new SubmitForReview(ID, null)).expectException(StateConflictException.class);
            fixture.given(published).when(new ReturnToDraft(ID, null)).expectException(StateConflictException.class);
            fixture.given(published).when(new SetSeverity(ID, null, "SEV1")).expectEvents(new SeverityRegraded(ID, "SEV2", "SEV1"));
        }
    }
}
