package dev.postmortem.api.command;

import dev.postmortem.api.value.StakeholderRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Replaces the roles of a stakeholder. */
public record ChangeStakeholderRoles(@TargetAggregateIdentifier String postMortemId,
                                     Long expectedVersion,
                                     String stakeholderId,
                                     Set<StakeholderRole> roles) implements StakeholderCommand {
}
