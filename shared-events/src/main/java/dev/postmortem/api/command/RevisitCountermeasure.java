package dev.postmortem.api.command;

import dev.postmortem.api.value.RevisitVerdict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Records whether a completed countermeasure still takes effect. */
public record RevisitCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                    @TargetAggregateVersion Long expectedVersion,
                                    String countermeasureId,
                                    RevisitVerdict verdict,
                                    String note) implements PostMortemCommand {
}
