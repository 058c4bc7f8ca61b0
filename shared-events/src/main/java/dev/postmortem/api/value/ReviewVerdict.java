package dev.postmortem.api.value;

/** A reviewer's latest word on a post-mortem in review. */
public enum ReviewVerdict {
    APPROVED,
    CHANGES_REQUESTED
}
