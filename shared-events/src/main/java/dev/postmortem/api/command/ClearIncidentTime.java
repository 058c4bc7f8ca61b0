package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a point in time that turned out not to apply. */
public record ClearIncidentTime(@TargetAggregateIdentifier String postMortemId,
                                @TargetAggregateVersion Long expectedVersion,
                                String name) implements PostMortemCommand {
}
