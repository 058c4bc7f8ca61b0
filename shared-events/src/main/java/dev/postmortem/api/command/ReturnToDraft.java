package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Sends a post-mortem in review back to draft. */
public record ReturnToDraft(@TargetAggregateIdentifier String postMortemId,
                            @TargetAggregateVersion Long expectedVersion) implements PostMortemCommand {
}
