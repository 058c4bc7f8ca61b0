package dev.postmortem.api.event;

import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import org.axonframework.serialization.Revision;

/** A countermeasure against a recurrence was proposed. */
@Revision("1")
public record CountermeasureProposed(String postMortemId,
                                     String countermeasureId,
                                     String title,
                                     String description,
                                     CountermeasurePriority priority,
                                     CountermeasureType type) implements PostMortemEvent {
}
