package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records one of the incident's points in time; setting a time that is already set corrects it. */
public record SetIncidentTime(@TargetAggregateIdentifier String postMortemId,
                              Long expectedVersion,
                              String name,
                              Instant at) implements PostMortemCommand {
}
