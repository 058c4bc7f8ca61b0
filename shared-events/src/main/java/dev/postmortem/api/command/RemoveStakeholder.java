package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a stakeholder added by mistake. */
public record RemoveStakeholder(@TargetAggregateIdentifier String postMortemId,
                                Long expectedVersion,
                                String stakeholderId) implements StakeholderCommand {
}
