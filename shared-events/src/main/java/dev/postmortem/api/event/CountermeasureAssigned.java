package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A countermeasure got an owner and a target date, or new ones. */
@Revision("1")
public record CountermeasureAssigned(String postMortemId,
                                     String countermeasureId,
                                     String owner,
                                     LocalDate targetDate) implements PostMortemEvent {
}
