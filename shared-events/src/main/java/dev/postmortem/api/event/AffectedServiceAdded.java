package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A service was named as affected by the incident. */
@Revision("1")
public record AffectedServiceAdded(String postMortemId,
                                   String service) implements PostMortemEvent {
}
