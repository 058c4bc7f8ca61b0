package dev.postmortem.query.failclosed;

import java.time.Instant;
import java.util.List;

/**
 * Fail closed: how every projection treats a post-mortem whose events it cannot all apply. Visibility is decided first
 * and never waits for the rest:
 * <ul>
 *   <li>{@link #refuse}: the projection could not apply an event. The post-mortem is marked {@link Stuck} (hidden from
 *       everyone but admins) up to that version. If the refused event is itself a restriction or its lifting, it is
 *       applied at once ({@link PendingRestriction}), so that admins too see only what it allows, and so that
 *       nothing the fold of older events says afterwards can open it again.</li>
 *   <li>{@link #settle}: after the projection folded events in. Once it has applied every refused version the mark is
 *       cleared; a pending restriction holds until the fold reaches its own version.</li>
 * </ul>
 * The same rules run live and in a rebuild.
 */
public final class Quarantine {

    private Quarantine() {
    }

    public static void refuse(FailsClosed state, Refusal refusal, String projection, Instant now) {
        long version = refusal.version() != null ? refusal.version() : state.appliedVersion() + 1;
        if (version <= state.appliedVersion()) {
            return; // applied meanwhile (a retried copy, a rebuild's later window): nothing is missing
        }
        Stuck stuck = state.stuck;
        if (stuck == null) {
            stuck = new Stuck();
            stuck.since = now;
            stuck.reason = refusal.reason();
            stuck.eventId = refusal.eventId();
            stuck.projection = projection;
            stuck.upTo = version;
            state.stuck = stuck;
        }
        stuck.upTo = Math.max(stuck.upTo, version);
        stuck.refusals++;
        if (refusal.version() != null) {
            refusal.restriction().ifPresent(restriction -> {
                PendingRestriction pending = state.pendingRestriction;
                if (pending == null || pending.version < refusal.version()) {
                    pending = new PendingRestriction();
                    pending.version = refusal.version();
                    pending.people = List.copyOf(restriction.get(0));
                    pending.groups = List.copyOf(restriction.get(1));
                    state.pendingRestriction = pending;
                    state.restrictTo(pending.people, pending.groups);
                }
            });
        }
    }

    public static void settle(FailsClosed state) {
        Stuck stuck = state.stuck;
        if (stuck != null && state.appliedVersion() >= stuck.upTo) {
            state.stuck = null;
        }
        PendingRestriction pending = state.pendingRestriction;
        if (pending != null) {
            if (state.appliedVersion() >= pending.version) {
                state.pendingRestriction = null;
            } else {
                state.restrictTo(pending.people, pending.groups);
            }
        }
    }
}
