package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Decides not to do a countermeasure ("won't do"), with the reason. */
public record DeclineCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                    @TargetAggregateVersion Long expectedVersion,
                                    String countermeasureId,
                                    String reason) implements PostMortemCommand {
}
