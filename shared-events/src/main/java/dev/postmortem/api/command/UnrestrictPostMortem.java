package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Lifts the restriction of a post-mortem. */
public record UnrestrictPostMortem(@TargetAggregateIdentifier String postMortemId,
                                   @TargetAggregateVersion Long expectedVersion) implements PostMortemCommand {
}
