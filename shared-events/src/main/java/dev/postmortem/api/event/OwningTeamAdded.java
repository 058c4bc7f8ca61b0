package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A team was named as owner of the affected services. */
@Revision("1")
public record OwningTeamAdded(String postMortemId,
                              String team) implements PostMortemEvent {
}
