package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A countermeasure will not be done ("won't do"), for the given reason. */
@Revision("1")
public record CountermeasureDeclined(String postMortemId,
                                     String countermeasureId,
                                     String reason) implements PostMortemEvent {
}
