package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.CountermeasureCommand;
import dev.postmortem.api.command.StakeholderCommand;
import dev.postmortem.api.command.TimelineEntryCommand;
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
        if (command instanceof TimelineEntryCommand c) {
            return TimelineEntry.unknown(c.entryId());
        } else if (command instanceof StakeholderCommand c) {
            return Stakeholder.unknown(c.stakeholderId());
        } else if (command instanceof CountermeasureCommand c) {
            return Countermeasure.unknown(c.countermeasureId());
        }
        throw new IllegalStateException("a member handles " + command.getClass().getSimpleName() + " but names no part");
    }
}
