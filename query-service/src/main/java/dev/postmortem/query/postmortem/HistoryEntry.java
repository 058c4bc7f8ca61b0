package dev.postmortem.query.postmortem;

import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.stream.EventJson;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code history} collection: one event of one post-mortem, who caused it and when, the fields it
 * changed with old and new values, and the event itself (so that any past state can be folded again).
 */
public record HistoryEntry(@Id String id, String postMortemId, long version, String eventId, String type, String event,
                           Instant time, String actor, String reason, String traceId, List<ViewChanges.Change> changes,
                           Map<String, Object> data) {

    @SuppressWarnings("unchecked")
    static HistoryEntry of(EventEnvelope envelope, List<ViewChanges.Change> changes) {
        return new HistoryEntry(idOf(envelope.postMortemId(), envelope.sequence()), envelope.postMortemId(), envelope.sequence(),
                envelope.eventId(), envelope.type(), envelope.event().getClass().getSimpleName(), envelope.time(),
                envelope.actor(), envelope.reason(), envelope.traceId(), changes,
                EventJson.MAPPER.convertValue(envelope.event(), Map.class));
    }

    /** Unique per post-mortem and version, so a redelivered event overwrites its own entry instead of adding one. */
    static String idOf(String postMortemId, long version) {
        return postMortemId + ":" + String.format("%010d", version);
    }

    public EventEnvelope envelope() {
        return CloudEventReader.fromStored(eventId, type, postMortemId, version, time, actor, reason, traceId, data);
    }
}
