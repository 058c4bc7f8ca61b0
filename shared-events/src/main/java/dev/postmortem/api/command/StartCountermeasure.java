package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Marks an assigned countermeasure as being worked on. */
public record StartCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                  @TargetAggregateVersion Long expectedVersion,
                                  String countermeasureId) implements PostMortemCommand {
}
