package dev.postmortem.api.event;

import dev.postmortem.api.value.TimelineEntryKind;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An entry was added to the incident timeline. */
@Revision("1")
public record TimelineEntryAdded(String postMortemId,
                                 String entryId,
                                 Instant occurredAt,
                                 TimelineEntryKind kind,
                                 String description,
                                 String effect,
                                 String perspective) implements PostMortemEvent {
}
