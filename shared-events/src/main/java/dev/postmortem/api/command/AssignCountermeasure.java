package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Gives a countermeasure an owner and a target date (or changes them). */
public record AssignCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                   Long expectedVersion,
                                   String countermeasureId,
                                   String owner,
                                   LocalDate targetDate) implements CountermeasureCommand {
}
