package dev.postmortem.command.timeline;

import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.WithdrawTimelineEntry;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryCorrected;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.postmortem.PostMortemFixture;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

/** The timeline entries: added by the post-mortem, corrected and withdrawn by themselves. */
class TimelineEntryTest extends PostMortemFixture {

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
