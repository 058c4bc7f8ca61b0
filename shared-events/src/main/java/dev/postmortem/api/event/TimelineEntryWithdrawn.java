package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A timeline entry was withdrawn; it remains in the history. */
@Revision("1")
public record TimelineEntryWithdrawn(String postMortemId,
                                     String entryId) implements PostMortemEvent {
}
