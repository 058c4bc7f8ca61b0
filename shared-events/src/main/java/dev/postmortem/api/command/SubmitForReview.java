package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Moves a draft post-mortem into review, asking these people and groups to review it. Sent again while in review, it
 * asks those not asked yet.
 */
public record SubmitForReview(@TargetAggregateIdentifier String postMortemId,
                              Long expectedVersion,
                              List<String> reviewers,
                              List<String> reviewerGroups) implements PostMortemCommand {

    public SubmitForReview {
        reviewers = reviewers == null ? List.of() : reviewers;
        reviewerGroups = reviewerGroups == null ? List.of() : reviewerGroups;
    }

    /** Into review without naming reviewers. */
    public SubmitForReview(String postMortemId, Long expectedVersion) {
        this(postMortemId, expectedVersion, List.of(), List.of());
    }
}
