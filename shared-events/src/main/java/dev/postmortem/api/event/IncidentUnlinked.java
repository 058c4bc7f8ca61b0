package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The post-mortem no longer names an incident. */
@Revision("1")
public record IncidentUnlinked(String postMortemId) implements PostMortemEvent {
}
