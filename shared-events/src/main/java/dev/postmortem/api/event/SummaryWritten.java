package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The short summary was written or rewritten (empty when cleared). */
@Revision("1")
public record SummaryWritten(String postMortemId,
                             String summary) implements PostMortemEvent {
}
