package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Gives the post-mortem a new title. */
public record ChangeTitle(@TargetAggregateIdentifier String postMortemId,
                          @TargetAggregateVersion Long expectedVersion,
                          String title) implements PostMortemCommand {
}
