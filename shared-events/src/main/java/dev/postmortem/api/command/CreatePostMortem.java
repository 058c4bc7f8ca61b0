package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new post-mortem in draft. The creator is the authenticated actor, never a field. */
public record CreatePostMortem(@TargetAggregateIdentifier String postMortemId, String title) implements PostMortemCommand {
}
