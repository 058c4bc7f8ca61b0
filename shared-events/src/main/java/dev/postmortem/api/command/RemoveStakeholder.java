package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a stakeholder added by mistake. */
public record RemoveStakeholder(@TargetAggregateIdentifier String postMortemId,
                                @TargetAggregateVersion Long expectedVersion,
                                String stakeholderId) implements PostMortemCommand {
}
