package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Announces that a countermeasure is overdue on {@code today}: sent by the overdue watch, not by people. Nothing
 * happens if the countermeasure is done, not yet due, or already announced for its current target date.
 */
public record AnnounceOverdueCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                            Long expectedVersion,
                                            String countermeasureId,
                                            LocalDate today) implements CountermeasureCommand {
}
