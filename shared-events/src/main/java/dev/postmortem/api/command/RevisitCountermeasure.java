package dev.postmortem.api.command;

import dev.postmortem.api.value.RevisitVerdict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records whether a completed countermeasure still takes effect. */
public record RevisitCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                    Long expectedVersion,
                                    String countermeasureId,
                                    RevisitVerdict verdict,
                                    String note) implements CountermeasureCommand {
}
