package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.ChangeStakeholderRoles;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.RemoveStakeholder;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.StartCountermeasure;
import dev.postmortem.api.command.WithdrawTimelineEntry;
import dev.postmortem.command.countermeasures.Countermeasure;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.command.stakeholders.Stakeholder;
import dev.postmortem.command.timeline.TimelineEntry;

/**
 * Axon answers a command for a member the post-mortem does not have with a bare "no entity to forward it to"; this
 * names the part at fault, as each member says it.
 */
final class UnknownParts {

    private UnknownParts() {
    }

    static UnknownPartException named(Object command) {
        if (command instanceof CorrectTimelineEntry c) {
            return TimelineEntry.unknown(c.entryId());
        } else if (command instanceof WithdrawTimelineEntry c) {
            return TimelineEntry.unknown(c.entryId());
        } else if (command instanceof ChangeStakeholderRoles c) {
            return Stakeholder.unknown(c.stakeholderId());
        } else if (command instanceof RemoveStakeholder c) {
            return Stakeholder.unknown(c.stakeholderId());
        }
        return Countermeasure.unknown(countermeasureId(command));
    }

    private static String countermeasureId(Object command) {
        if (command instanceof ReviseCountermeasure c) {
            return c.countermeasureId();
        } else if (command instanceof AssignCountermeasure c) {
            return c.countermeasureId();
        } else if (command instanceof StartCountermeasure c) {
            return c.countermeasureId();
        } else if (command instanceof CompleteCountermeasure c) {
            return c.countermeasureId();
        } else if (command instanceof DeclineCountermeasure c) {
            return c.countermeasureId();
        } else if (command instanceof RevisitCountermeasure c) {
            return c.countermeasureId();
        } else if (command instanceof AnnounceOverdueCountermeasure c) {
            return c.countermeasureId();
        }
        throw new IllegalStateException("a member handles " + command.getClass().getSimpleName() + " but names no part");
    }
}
