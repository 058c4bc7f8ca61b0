package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Publishes a reviewed post-mortem to the organisation. */
public record Publish(@TargetAggregateIdentifier String postMortemId,
                      @TargetAggregateVersion Long expectedVersion) implements PostMortemCommand {
}
