package dev.postmortem.query.stream;

import dev.postmortem.api.event.PostMortemEvent;

import java.time.Instant;

/**
 * One event from the stream with what the envelope says about it: its id, the post-mortem's version after it
 * ({@code sequence}), when it was stored, who caused it and why.
 */
public record EventEnvelope(String eventId, String type, String postMortemId, long sequence, Instant time, String actor,
                            String reason, String traceId, PostMortemEvent event) {
}
