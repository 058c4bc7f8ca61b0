package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A tag (normalised: trimmed, lower-case) was added. */
@Revision("1")
public record TagAdded(String postMortemId,
                       String tag) implements PostMortemEvent {
}
