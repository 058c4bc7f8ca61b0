package dev.postmortem.api.command;

import dev.postmortem.api.value.StakeholderRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Adds a person who takes part in the post-mortem, with the roles they had in the incident. */
public record AddStakeholder(@TargetAggregateIdentifier String postMortemId,
                             Long expectedVersion,
                             String stakeholderId,
                             String name,
                             Set<StakeholderRole> roles) implements StakeholderCommand {
}
