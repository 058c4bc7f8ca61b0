package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Classifies the incident on the configured severity scale (e.g. SEV1–SEV5). */
public record SetSeverity(@TargetAggregateIdentifier String postMortemId,
                          Long expectedVersion,
                          String level) implements PostMortemCommand {
}
