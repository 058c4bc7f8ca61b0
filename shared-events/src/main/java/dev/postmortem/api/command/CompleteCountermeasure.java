package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks an assigned countermeasure as done, with a note on what was done. */
public record CompleteCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                     Long expectedVersion,
                                     String countermeasureId,
                                     String note) implements CountermeasureCommand {
}
