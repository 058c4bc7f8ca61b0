package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A bug ticket was associated, or its address changed. */
@Revision("1")
public record BugTicketLinked(String postMortemId,
                              String reference,
                              String url) implements PostMortemEvent {
}
