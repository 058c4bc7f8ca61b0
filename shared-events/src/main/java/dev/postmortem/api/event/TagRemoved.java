package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A tag was removed. */
@Revision("1")
public record TagRemoved(String postMortemId,
                         String tag) implements PostMortemEvent {
}
