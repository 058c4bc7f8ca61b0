package dev.postmortem.api.command;

import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Proposes a countermeasure against a recurrence. */
public record ProposeCountermeasure(@TargetAggregateIdentifier String postMortemId,
                                    Long expectedVersion,
                                    String countermeasureId,
                                    String title,
                                    String description,
                                    CountermeasurePriority priority,
                                    CountermeasureType type) implements CountermeasureCommand {
}
