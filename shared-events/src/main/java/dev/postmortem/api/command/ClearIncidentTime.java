package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a point in time that turned out not to apply. */
public record ClearIncidentTime(@TargetAggregateIdentifier String postMortemId,
                                Long expectedVersion,
                                String name) implements PostMortemCommand {
}
