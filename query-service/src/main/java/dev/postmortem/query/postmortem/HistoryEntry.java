package dev.postmortem.query.postmortem;

import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.stream.EventJson;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code history} collection: one event of one post-mortem, who caused it and when, and the event
 * itself (so that any past state can be folded again). The fields it changed, with old and new values, are worked out
 * when the history is read ({@link #withChanges}), from the fold of the entries before it: storing them made every
 * projected event flatten and compare the whole view, and stored each changed value a second time. Entries stored with
 * their changes by earlier versions read the same.
 */
public record HistoryEntry(@Id String id, String postMortemId, long version, String eventId, String type, String event,
                           Instant time, String actor, String reason, String traceId, List<ViewChanges.Change> changes,
                           Map<String, Object> data) {

    @SuppressWarnings("unchecked")
    static HistoryEntry of(EventEnvelope envelope) {
        return new HistoryEntry(idOf(envelope.postMortemId(), envelope.sequence()), envelope.postMortemId(), envelope.sequence(),
                envelope.eventId(), envelope.type(), envelope.event().getClass().getSimpleName(), envelope.time(),
                envelope.actor(), envelope.reason(), envelope.traceId(), null,
                EventJson.MAPPER.convertValue(envelope.event(), Map.class));
    }

    /** This entry with the fields its event changed (see {@link ViewChanges#between}). */
    HistoryEntry withChanges(List<ViewChanges.Change> changed) {
        return new HistoryEntry(id, postMortemId, version, eventId, type, event, time, actor, reason, traceId, changed, data);
    }

    /** Unique per post-mortem and version, so a redelivered event overwrites its own entry instead of adding one. */
    static String idOf(String postMortemId, long version) {
        return postMortemId + ":" + String.format("%010d", version);
    }

    public EventEnvelope envelope() {
        return CloudEventReader.fromStored(eventId, type, postMortemId, version, time, actor, reason, traceId, data);
    }
}
