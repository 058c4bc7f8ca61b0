package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A point in time of the incident (start, detect, end or an additional one) was recorded for the first time. */
@Revision("1")
public record IncidentTimeRecorded(String postMortemId,
                                   String name,
                                   Instant at) implements PostMortemEvent {
}
