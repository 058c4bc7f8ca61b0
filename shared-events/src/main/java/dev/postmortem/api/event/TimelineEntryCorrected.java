package dev.postmortem.api.event;

import dev.postmortem.api.value.TimelineEntryKind;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A timeline entry's content was replaced by a corrected version. */
@Revision("1")
public record TimelineEntryCorrected(String postMortemId,
                                     String entryId,
                                     Instant occurredAt,
                                     TimelineEntryKind kind,
                                     String description,
                                     String effect,
                                     String perspective) implements PostMortemEvent {
}
