package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The incident's severity was changed from one level to another. */
@Revision("1")
public record SeverityRegraded(String postMortemId,
                               String previousLevel,
                               String level) implements PostMortemEvent {
}
