package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Sets the services the incident affected. */
public record ReplaceAffectedServices(@TargetAggregateIdentifier String postMortemId,
                                      @TargetAggregateVersion Long expectedVersion,
                                      List<String> services) implements PostMortemCommand {
}
