package dev.postmortem.query.failclosed;

import java.util.List;

/**
 * What a projection keeps of a post-mortem (a view, its KPI facts, its search document's view) that can be stuck and
 * restricted ahead of its fold. See {@link Quarantine}.
 */
public interface FailsClosed {

    /** The version of the last event applied; -1 if none. */
    long appliedVersion();

    Stuck stuck();

    void stuck(Stuck stuck);

    PendingRestriction pendingRestriction();

    void pendingRestriction(PendingRestriction pending);

    /** Restricts it to these people and groups, or opens it when both are empty. */
    void restrictTo(List<String> people, List<String> groups);
}
