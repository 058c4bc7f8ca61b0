package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes a reviewed post-mortem to the organisation. */
public record Publish(@TargetAggregateIdentifier String postMortemId,
                      Long expectedVersion) implements PostMortemCommand {
}
