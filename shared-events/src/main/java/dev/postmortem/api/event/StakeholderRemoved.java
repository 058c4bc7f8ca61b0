package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A stakeholder was removed. */
@Revision("1")
public record StakeholderRemoved(String postMortemId,
                                 String stakeholderId) implements PostMortemEvent {
}
