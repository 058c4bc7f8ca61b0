package dev.postmortem.api.command;

/** A command about one entry of a post-mortem's timeline, which it names by {@link #entryId()}. */
public sealed interface TimelineEntryCommand extends PostMortemCommand permits
        AddTimelineEntry, CorrectTimelineEntry, WithdrawTimelineEntry {

    String entryId();
}
