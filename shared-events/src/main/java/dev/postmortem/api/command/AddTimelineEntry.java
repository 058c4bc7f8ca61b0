package dev.postmortem.api.command;

import dev.postmortem.api.value.TimelineEntryKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Adds an entry to the incident timeline: when, what was done or observed, with what effect, from whose perspective. */
public record AddTimelineEntry(@TargetAggregateIdentifier String postMortemId,
                               Long expectedVersion,
                               String entryId,
                               Instant occurredAt,
                               TimelineEntryKind kind,
                               String description,
                               String effect,
                               String perspective) implements TimelineEntryCommand {
}
