package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets the services the incident affected. */
public record ReplaceAffectedServices(@TargetAggregateIdentifier String postMortemId,
                                      Long expectedVersion,
                                      List<String> services) implements PostMortemCommand {
}
