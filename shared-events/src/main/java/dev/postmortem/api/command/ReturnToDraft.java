package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends a post-mortem in review back to draft. */
public record ReturnToDraft(@TargetAggregateIdentifier String postMortemId,
                            Long expectedVersion) implements PostMortemCommand {
}
