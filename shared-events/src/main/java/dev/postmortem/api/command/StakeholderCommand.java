package dev.postmortem.api.command;

/** A command about one stakeholder of a post-mortem, which it names by {@link #stakeholderId()}. */
public sealed interface StakeholderCommand extends PostMortemCommand permits
        AddStakeholder, ChangeStakeholderRoles, RemoveStakeholder {

    String stakeholderId();
}
