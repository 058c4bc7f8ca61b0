package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lifts the restriction of a post-mortem. */
public record UnrestrictPostMortem(@TargetAggregateIdentifier String postMortemId,
                                   Long expectedVersion) implements PostMortemCommand {
}
