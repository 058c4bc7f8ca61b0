package dev.postmortem.command.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.command.domain.CommandMetaData;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.axonframework.eventhandling.EventMessage;

import java.net.URI;
import java.time.ZoneOffset;

/**
 * Turns a stored event into the CloudEvents 1.0 message of the Kafka contract (docs/event-stream.md): structured
 * JSON mode, {@code id} = event id, {@code type} = {@code postmortem.<Event>.v<revision>}, {@code subject} = the
 * post-mortem id, {@code time} = when it was stored, extensions {@code actor}, {@code aggregatesequence},
 * {@code traceid}, {@code correlationid} and, when given, {@code reason}; {@code data} = the event as JSON.
 */
public final class CloudEventMapper {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private final ObjectMapper eventMapper;
    private final URI source;
    private final EventFormat format = new JsonFormat();

    public CloudEventMapper(ObjectMapper eventMapper, String source) {
        this.eventMapper = eventMapper;
        this.source = URI.create(source);
    }

    public CloudEvent toCloudEvent(PostMortemEvent event, EventMessage<?> message, long aggregateSequence) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withType(EventTypes.typeOf(event.getClass()))
                .withSource(source)
                .withSubject(event.postMortemId())
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withExtension("aggregatesequence", Math.toIntExact(aggregateSequence))
                .withExtension("actor", metaData(message, CommandMetaData.ACTOR, "unknown"))
                .withData(json(event));
        String trace = metaData(message, CommandMetaData.TRACE_ID, null);
        if (trace != null) {
            builder.withExtension("traceid", trace);
        }
        String correlation = metaData(message, "correlationId", null);
        if (correlation != null) {
            builder.withExtension("correlationid", correlation);
        }
        String reason = metaData(message, CommandMetaData.REASON, null);
        if (reason != null) {
            builder.withExtension("reason", reason);
        }
        return builder.build();
    }

    public byte[] serialize(CloudEvent cloudEvent) {
        return format.serialize(cloudEvent);
    }

    private byte[] json(PostMortemEvent event) {
        try {
            return eventMapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    private static String metaData(EventMessage<?> message, String key, String fallback) {
        Object value = message.getMetaData().get(key);
        return value == null ? fallback : value.toString();
    }
}
