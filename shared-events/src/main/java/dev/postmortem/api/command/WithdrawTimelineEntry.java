package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a timeline entry that was wrong; it stays in the history, marked withdrawn. */
public record WithdrawTimelineEntry(@TargetAggregateIdentifier String postMortemId,
                                    Long expectedVersion,
                                    String entryId) implements TimelineEntryCommand {
}
