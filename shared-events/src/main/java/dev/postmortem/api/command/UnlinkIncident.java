package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes away the link to an incident. */
public record UnlinkIncident(@TargetAggregateIdentifier String postMortemId,
                             Long expectedVersion) implements PostMortemCommand {
}
