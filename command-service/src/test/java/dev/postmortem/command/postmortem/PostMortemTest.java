package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.AddStakeholder;
import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.ClearIncidentTime;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.Publish;
import dev.postmortem.api.command.RecordMeetingDetails;
import dev.postmortem.api.command.ReplaceAffectedServices;
import dev.postmortem.api.command.ReplaceBugTickets;
import dev.postmortem.api.command.ReplaceOwningTeams;
import dev.postmortem.api.command.ReplaceTags;
import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.ReturnToDraft;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.SetIncidentTime;
import dev.postmortem.api.command.SetSeverity;
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
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureRevisited;
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
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.SummaryWritten;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.event.TagRemoved;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.event.TitleChanged;
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
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
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

/**
 * The commands the aggregate root handles, and what it guards for all of them (restriction, bounds, caps), with
 * their rejected cases, given/when/then. Each member's own commands are tested in its folder.
 */
class PostMortemTest extends PostMortemFixture {

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
