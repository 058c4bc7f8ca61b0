package dev.postmortem.command.timeline.importing;

import dev.postmortem.api.command.ImportTimelineEntries;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.postmortem.PostMortemFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.Matchers.containsString;

/** The entries picked from an incident's log become the timeline's, all or none. */
class ImportTimelineEntriesTest extends PostMortemFixture {

    private static ImportTimelineEntries.Entry entry(String id, int minute, String description) {
        return new ImportTimelineEntries.Entry(id, at(minute), TimelineEntryKind.DETECTION, description, null, "Checkout API", "R" + minute);
    }

    private static ImportTimelineEntries pagerDuty(ImportTimelineEntries.Entry... entries) {
        return new ImportTimelineEntries(ID, null, "PagerDuty", " Q2LC6ZT3O8XKA1 ", List.of(entries));
    }

    @Test
    void eachPickedEntryIsAnImportedEventWithItsSource() {
        fixture.given(history())
               .when(pagerDuty(entry("e1", 2, "Triggered through the API."), entry("e2", 5, " Acknowledged by Ana. ")))
               .expectEvents(new TimelineEntryImported(ID, "e1", at(2), TimelineEntryKind.DETECTION, "Triggered through the API.", "",
                               "Checkout API", "pagerduty", "Q2LC6ZT3O8XKA1", "R2"),
                       new TimelineEntryImported(ID, "e2", at(5), TimelineEntryKind.DETECTION, "Acknowledged by Ana.", "", "Checkout API",
                               "pagerduty", "Q2LC6ZT3O8XKA1", "R5"));
    }

    @Test
    void whatTheTimelineAlreadySaysIsNotAddedAgain() {
        fixture.given(history(new TimelineEntryAdded(ID, "mine", at(2), TimelineEntryKind.DETECTION, "Triggered through the API.", "", "")))
               .when(pagerDuty(entry("e1", 2, "Triggered through the API."), entry("e2", 5, "Resolved"), entry("e3", 5, "Resolved")))
               .expectEvents(new TimelineEntryImported(ID, "e2", at(5), TimelineEntryKind.DETECTION, "Resolved", "", "Checkout API",
                       "pagerduty", "Q2LC6ZT3O8XKA1", "R5"));
    }

    @Test
    void oneBadEntryRefusesTheWholeImportNamingIt() {
        fixture.given(history())
               .when(pagerDuty(entry("e1", 2, "fine"), new ImportTimelineEntries.Entry("e2", null, TimelineEntryKind.ACTION, "x", null, null, null)))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage("is required")
               .expectNoEvents();
        fixture.given(history())
               .when(pagerDuty(entry("e1", 2, "fine"), entry("e2", 3, " ")))
               .expectException(InvalidValueException.class)
               .expectNoEvents();
        fixture.given(history())
               .when(pagerDuty(entry("e1", 2, "one"), entry("e1", 3, "two")))
               .expectException(StateConflictException.class)
               .expectNoEvents();
        fixture.given(history())
               .when(new ImportTimelineEntries(ID, null, "csv", null, List.of()))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("at least one"));
    }

    @Test
    void theTimelinesCapHoldsForTheWholeImport() {
        List<Object> events = new ArrayList<>(Arrays.asList(history()));
        for (int i = 0; i < 499; i++) {
            events.add(new TimelineEntryAdded(ID, "t" + i, at(0).plusSeconds(i), TimelineEntryKind.ACTION, "step " + i, "", ""));
        }
        fixture.given(events)
               .when(pagerDuty(entry("e1", 600, "one"), entry("e2", 601, "two")))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("at most 500"))
               .expectNoEvents();
    }
}
