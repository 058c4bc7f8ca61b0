package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the root cause the 5 whys lead to. */
public record IdentifyRootCause(@TargetAggregateIdentifier String postMortemId,
                                Long expectedVersion,
                                String rootCause) implements PostMortemCommand {
}
