package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives the post-mortem a new title. */
public record ChangeTitle(@TargetAggregateIdentifier String postMortemId,
                          Long expectedVersion,
                          String title) implements PostMortemCommand {
}
