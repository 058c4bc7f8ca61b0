package dev.postmortem.api.value;

/** Where a countermeasure stands; derived from its events. */
public enum CountermeasureStatus {
    PROPOSED,
    ASSIGNED,
    IN_PROGRESS,
    COMPLETED,
    DECLINED;

    /** Open countermeasures still need follow-up: an owner, a target date, and eventually completion. */
    public boolean isOpen() {
        return this != COMPLETED && this != DECLINED;
    }
}
