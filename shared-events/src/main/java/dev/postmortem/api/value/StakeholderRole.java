package dev.postmortem.api.value;

/** Why a person is part of the post-mortem (the guide's list of whom to invite). */
public enum StakeholderRole {
    INVOLVED_IN_DECISIONS,
    IDENTIFIED,
    RESPONDED,
    DIAGNOSED,
    AFFECTED,
    INTERESTED
}
