package dev.postmortem.api.command;

import dev.postmortem.api.value.TimelineEntryKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Adds the entries a person picked from an incident's log to the timeline, all or none: one
 * {@code TimelineEntryImported} each, except for an entry the timeline has already (the same time and description).
 */
public record ImportTimelineEntries(@TargetAggregateIdentifier String postMortemId,
                                    Long expectedVersion,
                                    String source,
                                    String sourceName,
                                    List<Entry> entries) implements PostMortemCommand {

    /** One picked entry, with its new id and where it is in the log. */
    public record Entry(String entryId, Instant occurredAt, TimelineEntryKind kind, String description, String effect,
                        String perspective, String sourceRef) {
    }
}
