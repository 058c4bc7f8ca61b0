package dev.postmortem.command.stakeholders;

import dev.postmortem.api.command.AddStakeholder;
import dev.postmortem.api.command.ChangeStakeholderRoles;
import dev.postmortem.api.command.RemoveStakeholder;
import dev.postmortem.api.event.StakeholderAdded;
import dev.postmortem.api.event.StakeholderRemoved;
import dev.postmortem.api.event.StakeholderRolesChanged;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.postmortem.PostMortemFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;

/** The stakeholders: added by the post-mortem (one per name), their roles changed, removed. */
class StakeholderTest extends PostMortemFixture {

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
