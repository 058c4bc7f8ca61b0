package dev.postmortem.query.failclosed;

import java.util.List;

/**
 * What a projection keeps of a post-mortem (a view, its KPI facts, its search document's view) that can be stuck and
 * restricted ahead of its fold: the two marks and the version they are measured against, stored with it. See
 * {@link Quarantine}.
 */
public abstract class FailsClosed {

    /** Set while the projection could not apply some of its events: hidden from everyone but admins. */
    public Stuck stuck;
    /** A restriction that arrived ahead of the events before it. */
    public PendingRestriction pendingRestriction;

    /** The version of the last event folded in: -1 before any, 0 after the creation, +1 an event. */
    public long version = -1;

    public long appliedVersion() {
        return version;
    }

    /** Restricts it to these people and groups, or opens it when both are empty. */
    public abstract void restrictTo(List<String> people, List<String> groups);
}
