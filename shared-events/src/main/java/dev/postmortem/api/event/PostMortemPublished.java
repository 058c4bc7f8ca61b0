package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The post-mortem was published to the organisation. */
@Revision("1")
public record PostMortemPublished(String postMortemId) implements PostMortemEvent {
}
