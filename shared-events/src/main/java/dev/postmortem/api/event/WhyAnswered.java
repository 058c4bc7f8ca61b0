package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** Step {@code step} (from 1) of the 5 whys was asked and answered, or re-answered. */
@Revision("1")
public record WhyAnswered(String postMortemId,
                          int step,
                          String question,
                          String answer) implements PostMortemEvent {
}
