package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A post-mortem was opened, in draft. */
@Revision("1")
public record PostMortemCreated(String postMortemId,
                                String title) implements PostMortemEvent {
}
