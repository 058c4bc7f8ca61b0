package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The post-mortem moved from draft into review. */
@Revision("1")
public record SubmittedForReview(String postMortemId) implements PostMortemEvent {
}
