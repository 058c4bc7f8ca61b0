package dev.postmortem.api.value;

/** The outcome of revisiting a completed countermeasure: does it still take effect? */
public enum RevisitVerdict {
    EFFECTIVE,
    INEFFECTIVE,
    OBSOLETE
}
