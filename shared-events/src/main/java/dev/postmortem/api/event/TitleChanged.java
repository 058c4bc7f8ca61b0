package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The post-mortem got a new title. */
@Revision("1")
public record TitleChanged(String postMortemId,
                           String title) implements PostMortemEvent {
}
