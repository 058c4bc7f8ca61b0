package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A service was no longer named as affected. */
@Revision("1")
public record AffectedServiceRemoved(String postMortemId,
                                     String service) implements PostMortemEvent {
}
