package dev.postmortem.command.countermeasures;

import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.ProposeCountermeasure;
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
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.api.value.RevisitVerdict;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.postmortem.PostMortemFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.hamcrest.Matchers.containsString;

/** The countermeasures: proposed by the post-mortem, then their own lifecycle, overdue announcements and revisits. */
class CountermeasureTest extends PostMortemFixture {

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
