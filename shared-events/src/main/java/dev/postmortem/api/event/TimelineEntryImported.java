package dev.postmortem.api.event;

import dev.postmortem.api.value.TimelineEntryKind;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An entry was added to the incident timeline from an incident's log, picked by the person importing it (the event's
 * actor, at the time of the import): what {@link TimelineEntryAdded} says, and where it came from — {@code source} the
 * log's format ({@code pagerduty}, {@code csv}), {@code sourceName} what the person called the log (a file name, the
 * incident's id; {@code ""} for none), {@code sourceRef} the entry in it (PagerDuty's log entry id, a CSV line).
 */
@Revision("1")
public record TimelineEntryImported(String postMortemId,
                                    String entryId,
                                    Instant occurredAt,
                                    TimelineEntryKind kind,
                                    String description,
                                    String effect,
                                    String perspective,
                                    String source,
                                    String sourceName,
                                    String sourceRef) implements PostMortemEvent {
}
