package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Decides not to do a countermeasure ("won't do"), with the reason. */
public record DeclineCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                    Long expectedVersion,
                                    String countermeasureId,
                                    String reason) implements CountermeasureCommand {
}
