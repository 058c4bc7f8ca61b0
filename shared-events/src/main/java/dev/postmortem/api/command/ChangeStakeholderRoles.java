package dev.postmortem.api.command;

import dev.postmortem.api.value.StakeholderRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.Set;

/** Replaces the roles of a stakeholder. */
public record ChangeStakeholderRoles(@TargetAggregateIdentifier String postMortemId,
                                     @TargetAggregateVersion Long expectedVersion,
                                     String stakeholderId,
                                     Set<StakeholderRole> roles) implements PostMortemCommand {
}
