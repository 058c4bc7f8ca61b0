package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * An open countermeasure passed its target date. Announced once per target date by the command service's overdue
 * watch, so that outside consumers can remind the owner; a new target date may become overdue again.
 */
@Revision("1")
public record CountermeasureBecameOverdue(String postMortemId,
                                         String countermeasureId,
                                         String owner,
                                         LocalDate targetDate) implements PostMortemEvent {
}
