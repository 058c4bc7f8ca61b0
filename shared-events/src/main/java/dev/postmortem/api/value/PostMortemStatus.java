package dev.postmortem.api.value;

/** Lifecycle of a post-mortem: draft, then in review, then published. */
public enum PostMortemStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED
}
