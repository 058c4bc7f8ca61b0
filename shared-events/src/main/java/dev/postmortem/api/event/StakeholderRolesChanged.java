package dev.postmortem.api.event;

import dev.postmortem.api.value.StakeholderRole;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A stakeholder's roles were replaced. */
@Revision("1")
public record StakeholderRolesChanged(String postMortemId,
                                      String stakeholderId,
                                      List<StakeholderRole> roles) implements PostMortemEvent {
}
