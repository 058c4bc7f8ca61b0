package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The restriction was lifted: everyone who may read post-mortems may read this one again. */
@Revision("1")
public record PostMortemUnrestricted(String postMortemId) implements PostMortemEvent {
}
