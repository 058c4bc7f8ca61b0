package dev.postmortem.query.failclosed;

import java.time.Instant;

/**
 * A projection could not apply some of a post-mortem's events (one could not be read or stored, or came after a gap),
 * so what it holds of the post-mortem may be wrong — in the worst case open where it should be restricted. While
 * this is set, the post-mortem is hidden from everyone but admins, who see it with this reason; it clears itself once
 * the projection has applied every version it refused ({@link #upTo}), e.g. after its dead letters were retried.
 */
public class Stuck {

    /** When the first event was refused. */
    public Instant since;
    /** Why the first event was refused (the projection's own words). */
    public String reason;
    /** The first refused event, if it could be read. */
    public String eventId;
    /** The projection that refused it. */
    public String projection;
    /** The highest version refused so far: stuck until the projection has applied it. */
    public long upTo;
    /** How many refusals so far (a retried event counts each time). */
    public int refusals;

    public Stuck copy() {
        Stuck copy = new Stuck();
        copy.since = since;
        copy.reason = reason;
        copy.eventId = eventId;
        copy.projection = projection;
        copy.upTo = upTo;
        copy.refusals = refusals;
        return copy;
    }
}
