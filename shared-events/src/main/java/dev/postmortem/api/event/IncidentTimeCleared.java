package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A recorded point in time was removed; the previous value is kept. */
@Revision("1")
public record IncidentTimeCleared(String postMortemId,
                                  String name,
                                  Instant previousAt) implements PostMortemEvent {
}
