package dev.postmortem.api.command;

import dev.postmortem.api.value.ReviewSection;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a comment to the post-mortem's review: a new thread about a section (or one timeline entry or countermeasure,
 * {@code partId}), or, with {@code replyTo}, a reply in the thread of that comment.
 */
public record CommentOnReview(@TargetAggregateIdentifier String postMortemId,
                              Long expectedVersion,
                              String commentId,
                              String replyTo,
                              ReviewSection section,
                              String partId,
                              String text) implements PostMortemCommand {
}
