package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A team was no longer named as owner. */
@Revision("1")
public record OwningTeamRemoved(String postMortemId,
                                String team) implements PostMortemEvent {
}
