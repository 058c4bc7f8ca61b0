package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The incident was classified for the first time. */
@Revision("1")
public record SeverityAssessed(String postMortemId,
                               String level) implements PostMortemEvent {
}
