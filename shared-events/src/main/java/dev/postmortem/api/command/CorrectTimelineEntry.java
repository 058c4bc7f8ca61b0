package dev.postmortem.api.command;

import dev.postmortem.api.value.TimelineEntryKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the content of a timeline entry; the original stays in the history. */
public record CorrectTimelineEntry(@TargetAggregateIdentifier String postMortemId,
                                   Long expectedVersion,
                                   String entryId,
                                   Instant occurredAt,
                                   TimelineEntryKind kind,
                                   String description,
                                   String effect,
                                   String perspective) implements TimelineEntryCommand {
}
