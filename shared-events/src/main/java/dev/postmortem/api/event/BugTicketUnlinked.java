package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A bug ticket was no longer associated. */
@Revision("1")
public record BugTicketUnlinked(String postMortemId,
                                String reference) implements PostMortemEvent {
}
