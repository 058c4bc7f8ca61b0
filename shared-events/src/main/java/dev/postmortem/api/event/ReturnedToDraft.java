package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The post-mortem went back from review to draft. */
@Revision("1")
public record ReturnedToDraft(String postMortemId) implements PostMortemEvent {
}
