package dev.postmortem.api.value;

/** What a countermeasure does against a recurrence. */
public enum CountermeasureType {
    /** Stops the cause from happening again. */
    PREVENTIVE,
    /** Detects it sooner next time. */
    DETECTIVE,
    /** Repairs what the incident left behind. */
    CORRECTIVE,
    /** Limits the impact when it happens again. */
    MITIGATING
}
