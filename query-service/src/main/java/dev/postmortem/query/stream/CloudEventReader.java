package dev.postmortem.query.stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.PostMortemEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** Reads the CloudEvents messages of the {@code postmortem.events} topic (docs/event-stream.md). */
public final class CloudEventReader {

    /** Event JSON as the contract writes it: ISO-8601 times; unknown properties tolerated. */
    public static final ObjectMapper EVENT_JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JsonFormat format = new JsonFormat();

    public EventEnvelope read(byte[] message) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = format.deserialize(message);
        } catch (EventDeserializationException | IllegalStateException e) {
            throw new UnreadableEventException("not a CloudEvents JSON message: " + e.getMessage(), e);
        }
        Class<? extends PostMortemEvent> eventClass = EventTypes.classOf(cloudEvent.getType()).orElseThrow(() ->
                new UnreadableEventException("unknown event type " + cloudEvent.getType()
                        + " (a newer revision than this service knows?)", null));
        if (cloudEvent.getData() == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no data", null);
        }
        PostMortemEvent event;
        try {
            event = EVENT_JSON.readValue(cloudEvent.getData().toBytes(), eventClass);
        } catch (IOException e) {
            throw new UnreadableEventException("data of " + cloudEvent.getType() + " " + cloudEvent.getId() + " does not read", e);
        }
        Object sequence = cloudEvent.getExtension("aggregatesequence");
        if (!(sequence instanceof Number) && !(sequence instanceof String)) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no aggregatesequence", null);
        }
        Instant time = cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant();
        return new EventEnvelope(cloudEvent.getId(), cloudEvent.getType(), cloudEvent.getSubject(),
                Long.parseLong(sequence.toString()), time, text(cloudEvent, "actor"), text(cloudEvent, "reason"),
                text(cloudEvent, "traceid"), event);
    }

    /** Rebuilds an envelope from a stored history entry, to fold a post-mortem "as of" a time. */
    public static EventEnvelope fromStored(String eventId, String type, String postMortemId, long sequence, Instant time,
                                           String actor, String reason, String traceId, Map<String, Object> data) {
        Class<? extends PostMortemEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + type, null));
        return new EventEnvelope(eventId, type, postMortemId, sequence, time, actor, reason, traceId,
                EVENT_JSON.convertValue(data, eventClass));
    }

    private static String text(CloudEvent cloudEvent, String extension) {
        Object value = cloudEvent.getExtension(extension);
        return value == null ? null : value.toString();
    }

    /** A message this service cannot read; it is parked on the dead-letter topic with this reason. */
    public static final class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
