package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A reviewer asks for changes to the post-mortem in review before it is published. */
public record RequestChanges(@TargetAggregateIdentifier String postMortemId,
                             Long expectedVersion,
                             String note) implements PostMortemCommand {
}
