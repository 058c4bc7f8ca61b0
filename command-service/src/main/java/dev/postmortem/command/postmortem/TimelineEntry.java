package dev.postmortem.command.postmortem;

import dev.postmortem.api.value.TimelineEntryKind;

import java.time.Instant;

/** What the aggregate remembers of a timeline entry: enough to detect no-op corrections and withdrawn entries. */
record TimelineEntry(Instant occurredAt, TimelineEntryKind kind, String description, String effect, String perspective,
                     boolean withdrawn) {

    TimelineEntry withdraw() {
        return new TimelineEntry(occurredAt, kind, description, effect, perspective, true);
    }

    boolean sameContent(Instant occurredAt, TimelineEntryKind kind, String description, String effect, String perspective) {
        return this.occurredAt.equals(occurredAt) && this.kind == kind && this.description.equals(description)
                && this.effect.equals(effect) && this.perspective.equals(perspective);
    }
}
