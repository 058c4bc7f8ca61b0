package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes the last step of the 5 whys chain. */
public record RemoveWhy(@TargetAggregateIdentifier String postMortemId,
                        @TargetAggregateVersion Long expectedVersion,
                        int step) implements PostMortemCommand {
}
