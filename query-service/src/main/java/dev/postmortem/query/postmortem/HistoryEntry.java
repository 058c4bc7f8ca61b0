package dev.postmortem.query.postmortem;

import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import dev.postmortem.query.stream.EventJson;
import org.bson.Document;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.Date;
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
        return postMortemId + ":" + padded(version, 10);
    }

    /**
     * A non-negative number in at least {@code width} digits, zero-padded (as {@code %0<width>d}, without a formatter per
     * call: a rebuild calls it for every event).
     */
    static String padded(long number, int width) {
        String digits = Long.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /**
     * The entry as the template's converter stores it (its id as {@code _id}, the time as a date, absent values left
     * out, no type hint), built directly: converting it by reflection was a sixth of a rebuild's CPU. HistoryEntryTest
     * holds it to the converter's output.
     */
    Document toDocument() {
        if (changes != null) {
            throw new IllegalStateException("entry " + id + " carries its changes: they are worked out when read, never stored");
        }
        Document document = new Document("_id", id);
        put(document, "postMortemId", postMortemId);
        document.put("version", version);
        put(document, "eventId", eventId);
        put(document, "type", type);
        put(document, "event", event);
        put(document, "time", time == null ? null : Date.from(time));
        put(document, "actor", actor);
        put(document, "reason", reason);
        put(document, "traceId", traceId);
        put(document, "data", data);
        return document;
    }

    private static void put(Document document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }

    public EventEnvelope envelope() {
        return CloudEventReader.fromStored(eventId, type, postMortemId, version, time, actor, reason, traceId, data);
    }
}
