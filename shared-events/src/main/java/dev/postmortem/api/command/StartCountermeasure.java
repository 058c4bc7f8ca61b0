package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks an assigned countermeasure as being worked on. */
public record StartCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                  Long expectedVersion,
                                  String countermeasureId) implements CountermeasureCommand {
}
