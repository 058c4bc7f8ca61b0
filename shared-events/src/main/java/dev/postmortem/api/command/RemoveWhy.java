package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes the last step of the 5 whys chain. */
public record RemoveWhy(@TargetAggregateIdentifier String postMortemId,
                        Long expectedVersion,
                        int step) implements PostMortemCommand {
}
