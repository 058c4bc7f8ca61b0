package dev.postmortem.query.projection;

import dev.postmortem.query.stream.EventEnvelope;

/**
 * An event arrived whose predecessors were never applied: the projection would be wrong, so it is not applied (see
 * {@link BatchProjection#next}). Retried, then parked with its reason; the reason says how to recover.
 */
public final class SequenceGapException extends RuntimeException {

    public SequenceGapException(EventEnvelope envelope, long applied) {
        super("event " + envelope.eventId() + " of post-mortem " + envelope.postMortemId() + " has version "
                + envelope.sequence() + " but the view is at " + applied + ": events are missing; once they have arrived, "
                + "retry this post-mortem's dead letters (POST /api/admin/dead-letters/retry?postMortemId=" + envelope.postMortemId() + ")");
    }
}
