package dev.postmortem.api.event;

import dev.postmortem.api.value.ReviewerKind;
import org.axonframework.serialization.Revision;

/** A person or a group was asked to review the post-mortem (named when it was submitted for review). */
@Revision("1")
public record ReviewerAssigned(String postMortemId,
                               String reviewer,
                               ReviewerKind kind) implements PostMortemEvent {
}
