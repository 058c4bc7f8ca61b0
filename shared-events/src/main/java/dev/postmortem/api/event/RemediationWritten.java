package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** The remediation was written or rewritten (empty when cleared). */
@Revision("1")
public record RemediationWritten(String postMortemId,
                                 String remediation) implements PostMortemEvent {
}
