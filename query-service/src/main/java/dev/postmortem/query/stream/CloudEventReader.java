package dev.postmortem.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.PostMortemEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.PojoCloudEventDataMapper;
import io.cloudevents.rw.CloudEventRWException;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the CloudEvents messages of the {@code postmortem.events} topic (docs/event-stream.md). */
public final class CloudEventReader {


    /** {@code postmortem.<EventName>.v<revision>} (docs/event-stream.md). */
    private static final Pattern TYPE = Pattern.compile(Pattern.quote(EventTypes.PREFIX) + "(\\w+)\\.v(\\d{1,9})");

    private final JsonFormat format = new JsonFormat();

    /**
     * @throws UnknownEventTypeException     for a type this service has never heard of
     * @throws UnknownRevisionException      for a known event in a revision no reader here understands (a newer one)
     * @throws UnreadableEventException      for anything else that is not a well-formed event (broken or truncated JSON, no data,
     *                                       no aggregatesequence)
     */
    public EventEnvelope read(byte[] message) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = format.deserialize(message);
        } catch (EventDeserializationException | IllegalStateException e) {
            throw new UnreadableEventException("not a CloudEvents JSON message (broken or truncated JSON?): " + firstLine(e), e);
        }
        Class<? extends PostMortemEvent> eventClass = classOf(cloudEvent.getType(), cloudEvent.getId());
        if (cloudEvent.getData() == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no data", null);
        }
        PostMortemEvent event;
        try {
            // From the JSON tree the envelope was parsed into, not from its bytes again: a third of a rebuild's CPU
            // went to writing the data back to bytes and parsing them a second time.
            event = PojoCloudEventDataMapper.from(EventJson.MAPPER, eventClass).map(cloudEvent.getData()).getValue();
        } catch (CloudEventRWException e) {
            Throwable why = e.getCause() == null ? e : e.getCause();
            throw new UnreadableEventException("data of " + cloudEvent.getType() + " " + cloudEvent.getId() + " does not read: " + firstLine(why), e);
        }
        if (event == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no data", null);
        }
        Object sequence = cloudEvent.getExtension("aggregatesequence");
        if (!(sequence instanceof Number) && !(sequence instanceof String text && text.matches("\\d{1,18}"))) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no aggregatesequence", null);
        }
        Instant time = cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant();
        return new EventEnvelope(cloudEvent.getId(), cloudEvent.getType(), cloudEvent.getSubject(),
                Long.parseLong(sequence.toString()), time, text(cloudEvent, "actor"), text(cloudEvent, "reason"),
                text(cloudEvent, "traceid"), event);
    }

    /**
     * The {@code aggregatesequence} of a message that may not read as an event (an unknown type, a newer revision):
     * enough to tell which version of its post-mortem it is, when its envelope is JSON at all.
     */
    public static Optional<Long> sequenceOf(byte[] message) {
        try {
            JsonNode sequence = EventJson.MAPPER.readTree(message).path("aggregatesequence");
            if (sequence.isIntegralNumber() && sequence.canConvertToLong() && sequence.longValue() >= 0) {
                return Optional.of(sequence.longValue());
            }
            if (sequence.isTextual() && sequence.textValue().matches("\\d{1,18}")) {
                return Optional.of(Long.parseLong(sequence.textValue()));
            }
        } catch (IOException | RuntimeException notJson) {
            // nothing to tell
        }
        return Optional.empty();
    }

    /** Rebuilds an envelope from a stored history entry, to fold a post-mortem "as of" a time. */
    public static EventEnvelope fromStored(String eventId, String type, String postMortemId, long sequence, Instant time,
                                           String actor, String reason, String traceId, Map<String, Object> data) {
        Class<? extends PostMortemEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEventException("unknown event type " + type, null));
        return new EventEnvelope(eventId, type, postMortemId, sequence, time, actor, reason, traceId,
                EventJson.MAPPER.convertValue(data, eventClass));
    }

    /**
     * The class of a type name. A type the contract does not know cannot be projected correctly — ignoring it would
     * leave views silently wrong — so it is refused and parked, to be retried once this service knows it. A known
     * event in another revision is told apart: that is the usual case after the command side was upgraded first.
     */
    private static Class<? extends PostMortemEvent> classOf(String type, String eventId) {
        Optional<Class<? extends PostMortemEvent>> known = EventTypes.classOf(type);
        if (known.isPresent()) {
            return known.get();
        }
        Matcher name = TYPE.matcher(type);
        if (name.matches()) {
            Optional<Class<? extends PostMortemEvent>> sameEvent = EventTypes.all().stream()
                    .filter(eventClass -> eventClass.getSimpleName().equals(name.group(1))).findFirst();
            if (sameEvent.isPresent()) {
                String readable = EventTypes.revisionOf(sameEvent.get());
                throw new UnknownRevisionException("event " + eventId + " is " + type + ": revision " + name.group(2)
                        + (Integer.parseInt(name.group(2)) > Integer.parseInt(readable) ? " is newer than" : " is not")
                        + " what this query service reads (v" + readable + "); retry it after upgrading the query service");
            }
        }
        throw new UnknownEventTypeException("event " + eventId + " has the unknown type " + type
                + ": this query service cannot project it; retry it after upgrading the query service");
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String text(CloudEvent cloudEvent, String extension) {
        Object value = cloudEvent.getExtension(extension);
        return value == null ? null : value.toString();
    }

    /** A message this service cannot read; it is parked on the dead-letter topic with this reason. */
    public static class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A well-formed event of a type this service does not know at all. */
    public static final class UnknownEventTypeException extends UnreadableEventException {
        UnknownEventTypeException(String message) {
            super(message, null);
        }
    }

    /** A known event in a revision this service has no reader for, typically a newer one. */
    public static final class UnknownRevisionException extends UnreadableEventException {
        UnknownRevisionException(String message) {
            super(message, null);
        }
    }
}
