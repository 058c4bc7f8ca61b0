package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.LinkIncident;
import dev.postmortem.api.command.UnlinkIncident;
import dev.postmortem.api.event.IncidentLinked;
import dev.postmortem.api.event.IncidentUnlinked;
import dev.postmortem.command.domain.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;

/** Naming the incident a post-mortem is about, in the paging or incident tool. */
class IncidentLinkTest extends PostMortemFixture {

    private static final IncidentLinked PAGERDUTY = new IncidentLinked(ID, "pagerduty", "Q2LC6ZT3O8XKA1",
            "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1");

    @Test
    void anIncidentIsLinkedWithItsToolIdAndAddress() {
        fixture.given(history())
               .when(new LinkIncident(ID, null, " PagerDuty ", " Q2LC6ZT3O8XKA1 ", " https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1 "))
               .expectEvents(PAGERDUTY);
    }

    @Test
    void theSameLinkAgainIsANoOpAndAnotherReplacesIt() {
        fixture.given(history(PAGERDUTY))
               .when(new LinkIncident(ID, null, "pagerduty", "Q2LC6ZT3O8XKA1", "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1"))
               .expectNoEvents();
        fixture.given(history(PAGERDUTY))
               .when(new LinkIncident(ID, null, "opsgenie", "70413a06-38d6-4c85-92b8-5ebc900d42e2", null))
               .expectEvents(new IncidentLinked(ID, "opsgenie", "70413a06-38d6-4c85-92b8-5ebc900d42e2", ""));
    }

    @Test
    void theAddressIsOptionalButMustBeHttp() {
        fixture.given(history())
               .when(new LinkIncident(ID, null, "other", "INC-42", " "))
               .expectEvents(new IncidentLinked(ID, "other", "INC-42", ""));
        fixture.given(history())
               .when(new LinkIncident(ID, null, "other", "INC-42", "javascript:alert(1)"))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("http"));
    }

    @Test
    void theToolAndIdAreRequiredAndPlain() {
        fixture.given(history())
               .when(new LinkIncident(ID, null, " ", "INC-42", null))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("must not be blank"));
        fixture.given(history())
               .when(new LinkIncident(ID, null, "Pager Duty!", "INC-42", null))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("tool's name"));
        fixture.given(history())
               .when(new LinkIncident(ID, null, "pagerduty", "INC 42", null))
               .expectException(InvalidValueException.class)
               .expectExceptionMessage(containsString("no spaces"));
        fixture.given(history())
               .when(new LinkIncident(ID, null, "pagerduty", "x".repeat(101), null))
               .expectException(InvalidValueException.class);
    }

    @Test
    void unlinkingTakesTheLinkAwayOnce() {
        fixture.given(history(PAGERDUTY))
               .when(new UnlinkIncident(ID, null))
               .expectEvents(new IncidentUnlinked(ID));
        fixture.given(history(PAGERDUTY, new IncidentUnlinked(ID)))
               .when(new UnlinkIncident(ID, null))
               .expectNoEvents();
    }
}
