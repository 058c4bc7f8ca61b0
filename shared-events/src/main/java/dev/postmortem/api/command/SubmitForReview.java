package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves a draft post-mortem into review. */
public record SubmitForReview(@TargetAggregateIdentifier String postMortemId,
                              Long expectedVersion) implements PostMortemCommand {
}
