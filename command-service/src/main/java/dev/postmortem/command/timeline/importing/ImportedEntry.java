package dev.postmortem.command.timeline.importing;

import dev.postmortem.api.value.TimelineEntryKind;

import java.time.Instant;

/**
 * One entry read from an incident's log, as the preview shows it: where it came from in the file ({@code ref}: the log
 * entry's id, or {@code line 7}), what it becomes, and whether it is suggested for import (a notification sent to
 * someone's phone is in the log, but rarely worth a line of the timeline).
 */
public record ImportedEntry(String ref, Instant occurredAt, TimelineEntryKind kind, String description, String effect,
                            String perspective, String sourceType, boolean suggested) {
}
