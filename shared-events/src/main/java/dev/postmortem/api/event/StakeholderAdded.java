package dev.postmortem.api.event;

import dev.postmortem.api.value.StakeholderRole;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A person was added to the post-mortem with the roles they had in the incident. */
@Revision("1")
public record StakeholderAdded(String postMortemId,
                               String stakeholderId,
                               String name,
                               List<StakeholderRole> roles) implements PostMortemEvent {
}
