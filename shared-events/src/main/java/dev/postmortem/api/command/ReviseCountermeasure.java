package dev.postmortem.api.command;

import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revises what a countermeasure is, or its priority. */
public record ReviseCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                   Long expectedVersion,
                                   String countermeasureId,
                                   String title,
                                   String description,
                                   CountermeasurePriority priority,
                                   CountermeasureType type) implements CountermeasureCommand {
}
