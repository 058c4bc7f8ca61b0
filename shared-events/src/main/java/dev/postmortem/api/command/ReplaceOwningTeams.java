package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets the teams that own the affected services. */
public record ReplaceOwningTeams(@TargetAggregateIdentifier String postMortemId,
                                 Long expectedVersion,
                                 List<String> teams) implements PostMortemCommand {
}
