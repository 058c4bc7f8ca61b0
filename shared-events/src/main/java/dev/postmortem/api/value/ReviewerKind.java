package dev.postmortem.api.value;

/** Who a reviewer is: one person (a user name) or a group (every member may review for it). */
public enum ReviewerKind {
    PERSON,
    GROUP
}
