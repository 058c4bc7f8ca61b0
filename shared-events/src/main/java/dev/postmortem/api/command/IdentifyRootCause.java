package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Records the root cause the 5 whys lead to. */
public record IdentifyRootCause(@TargetAggregateIdentifier String postMortemId,
                                @TargetAggregateVersion Long expectedVersion,
                                String rootCause) implements PostMortemCommand {
}
