package dev.postmortem.api.event;

import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import org.axonframework.serialization.Revision;

/** A countermeasure's title, description, priority or type was revised. */
@Revision("1")
public record CountermeasureRevised(String postMortemId,
                                    String countermeasureId,
                                    String title,
                                    String description,
                                    CountermeasurePriority priority,
                                    CountermeasureType type) implements PostMortemEvent {
}
