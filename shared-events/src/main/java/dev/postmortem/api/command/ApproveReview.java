package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A reviewer approves the post-mortem in review as it stands. */
public record ApproveReview(@TargetAggregateIdentifier String postMortemId,
                            Long expectedVersion,
                            String note) implements PostMortemCommand {
}
