package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The root cause the 5 whys lead to was recorded. */
@Revision("1")
public record RootCauseIdentified(String postMortemId,
                                  String rootCause) implements PostMortemEvent {
}
