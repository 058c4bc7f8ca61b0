package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A recorded point in time was corrected; the previous value is kept. */
@Revision("1")
public record IncidentTimeCorrected(String postMortemId,
                                    String name,
                                    Instant previousAt,
                                    Instant at) implements PostMortemEvent {
}
