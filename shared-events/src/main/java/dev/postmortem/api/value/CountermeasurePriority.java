package dev.postmortem.api.value;

/** Countermeasures are prioritised; the order of the constants is the order of urgency. */
public enum CountermeasurePriority {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
