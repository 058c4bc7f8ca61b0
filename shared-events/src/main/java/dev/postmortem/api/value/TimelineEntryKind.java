package dev.postmortem.api.value;

/** What a timeline entry records, following the questions the post-mortem practice asks. */
public enum TimelineEntryKind {
    /** An action someone took. */
    ACTION,
    /** Something someone noticed. */
    OBSERVATION,
    /** An investigation path that was considered, whether or not it was followed. */
    INVESTIGATION_PATH,
    /** A step taken towards resolution. */
    RESOLUTION_STEP,
    /** The moment and the way the incident was detected. */
    DETECTION,
    /** Impact on users: first impact, first report, recovery. */
    USER_IMPACT
}
