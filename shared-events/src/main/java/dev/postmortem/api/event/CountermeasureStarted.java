package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** Work on a countermeasure started. */
@Revision("1")
public record CountermeasureStarted(String postMortemId,
                                    String countermeasureId) implements PostMortemEvent {
}
