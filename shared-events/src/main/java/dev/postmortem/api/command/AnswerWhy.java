package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks (or re-asks) step {@code step} of the 5 whys, counted from 1, and records its answer. */
public record AnswerWhy(@TargetAggregateIdentifier String postMortemId,
                        Long expectedVersion,
                        int step,
                        String question,
                        String answer) implements PostMortemCommand {
}
