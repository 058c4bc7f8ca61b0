package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The approvals given so far no longer hold, because the post-mortem changed after them (when the service is so
 * configured): its reviewers approve again what it now says. {@code reviewers} are those whose approval was withdrawn.
 */
@Revision("1")
public record ApprovalsWithdrawn(String postMortemId,
                                 List<String> reviewers) implements PostMortemEvent {

    public ApprovalsWithdrawn {
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
    }
}
