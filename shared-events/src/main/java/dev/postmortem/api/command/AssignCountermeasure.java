package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;

/** Gives a countermeasure an owner and a target date (or changes them). */
public record AssignCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                   @TargetAggregateVersion Long expectedVersion,
                                   String countermeasureId,
                                   String owner,
                                   LocalDate targetDate) implements PostMortemCommand {
}
