package dev.postmortem.query.failclosed;

import java.util.ArrayList;
import java.util.List;

/**
 * A restriction (or its lifting, both lists empty) at a version the projection has not reached yet, because earlier
 * events are refused. It holds from the moment it arrives — visibility never waits for the rest of a post-mortem — and
 * wins over what the fold of older events says, until the fold reaches {@link #version} itself.
 */
public class PendingRestriction {

    public long version;
    public List<String> people = new ArrayList<>();
    public List<String> groups = new ArrayList<>();

    public PendingRestriction copy() {
        PendingRestriction copy = new PendingRestriction();
        copy.version = version;
        copy.people = people == null ? null : new ArrayList<>(people);
        copy.groups = groups == null ? null : new ArrayList<>(groups);
        return copy;
    }
}
