package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A reviewer approved the post-mortem as it stands; {@code note} may be empty. */
@Revision("1")
public record ReviewApproved(String postMortemId,
                             String reviewer,
                             String note) implements PostMortemEvent {
}
