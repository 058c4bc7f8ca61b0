package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resolves the review thread this comment is in. */
public record ResolveReviewComment(@TargetAggregateIdentifier String postMortemId,
                                   Long expectedVersion,
                                   String commentId) implements PostMortemCommand {
}
