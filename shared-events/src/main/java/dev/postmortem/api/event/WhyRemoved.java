package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The last step of the 5 whys was removed. */
@Revision("1")
public record WhyRemoved(String postMortemId,
                         int step) implements PostMortemEvent {
}
