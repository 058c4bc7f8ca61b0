package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A reviewer asked for changes before the post-mortem is published, saying which in {@code note}. */
@Revision("1")
public record ChangesRequested(String postMortemId,
                               String reviewer,
                               String note) implements PostMortemEvent {
}
