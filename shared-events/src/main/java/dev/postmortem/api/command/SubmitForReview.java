package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Moves a draft post-mortem into review. */
public record SubmitForReview(@TargetAggregateIdentifier String postMortemId,
                              @TargetAggregateVersion Long expectedVersion) implements PostMortemCommand {
}
