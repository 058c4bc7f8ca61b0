package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A countermeasure was completed. */
@Revision("1")
public record CountermeasureCompleted(String postMortemId,
                                      String countermeasureId,
                                      String note) implements PostMortemEvent {
}
