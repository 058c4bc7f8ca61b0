package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The additional info (links, images; no logs) was written or rewritten (empty when cleared). */
@Revision("1")
public record AdditionalInfoWritten(String postMortemId,
                                    String additionalInfo) implements PostMortemEvent {
}
