package dev.postmortem.query.stream;

import dev.postmortem.api.event.IncidentTimeCorrected;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventReaderTest {

    private final CloudEventReader reader = new CloudEventReader();

    /** The example message of docs/event-stream.md. */
    static final String MESSAGE = """
            {"specversion":"1.0","id":"853e5219","source":"/command-service","type":"postmortem.IncidentTimeCorrected.v1",
             "datacontenttype":"application/json","subject":"7a0c","time":"2026-11-28T12:51:42.272Z","actor":"ana",
             "aggregatesequence":3,"traceid":"req-42","correlationid":"c210","reason":"clock skew",
             "data":{"postMortemId":"7a0c","name":"start","previousAt":"2026-11-20T10:00:00Z","at":"2026-11-20T09:58:00Z"}}""";

    @Test
    void readsTheEnvelopeAndTheTypedEvent() {
        EventEnvelope envelope = reader.read(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.eventId()).isEqualTo("853e5219");
        assertThat(envelope.postMortemId()).isEqualTo("7a0c");
        assertThat(envelope.sequence()).isEqualTo(3);
        assertThat(envelope.actor()).isEqualTo("ana");
        assertThat(envelope.reason()).isEqualTo("clock skew");
        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-28T12:51:42.272Z"));
        assertThat(envelope.event()).isEqualTo(new IncidentTimeCorrected("7a0c", "start",
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T09:58:00Z")));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> reader.read(MESSAGE.replace("\"aggregatesequence\":3,", "").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CloudEventReader.UnreadableEventException.class)
                .hasMessageContaining("aggregatesequence");
        assertThatThrownBy(() -> read(MESSAGE.replace("\"aggregatesequence\":3,", "\"aggregatesequence\":\"three\",")))
                .as("not a number: parked at once rather than retried").isInstanceOf(CloudEventReader.UnreadableEventException.class)
                .hasMessageContaining("aggregatesequence");
    }

    @Test
    void anUnknownTypeIsRefusedAsSuch() {
        assertThatThrownBy(() -> read(MESSAGE.replace("postmortem.IncidentTimeCorrected.v1", "postmortem.IncidentRenamed.v1")))
                .isInstanceOf(CloudEventReader.UnknownEventTypeException.class)
                .hasMessage("event 853e5219 has the unknown type postmortem.IncidentRenamed.v1: this query service cannot "
                        + "project it; retry it after upgrading the query service");
        assertThatThrownBy(() -> read(MESSAGE.replace("postmortem.IncidentTimeCorrected.v1", "com.example.Other")))
                .isInstanceOf(CloudEventReader.UnknownEventTypeException.class)
                .hasMessageContaining("unknown type com.example.Other");
    }

    @Test
    void aNewerRevisionOfAKnownEventIsRefusedAsSuch() {
        assertThatThrownBy(() -> read(MESSAGE.replace("IncidentTimeCorrected.v1", "IncidentTimeCorrected.v9")))
                .isInstanceOf(CloudEventReader.UnknownRevisionException.class)
                .hasMessage("event 853e5219 is postmortem.IncidentTimeCorrected.v9: revision 9 is newer than what this query "
                        + "service reads (v1); retry it after upgrading the query service");
    }

    @Test
    void brokenOrTruncatedJsonIsRefusedAsSuch() {
        assertThatThrownBy(() -> read("{not json"))
                .isInstanceOf(CloudEventReader.UnreadableEventException.class)
                .hasMessageStartingWith("not a CloudEvents JSON message (broken or truncated JSON?)");
        assertThatThrownBy(() -> read(MESSAGE.substring(0, MESSAGE.length() / 2)))
                .as("truncated").isInstanceOf(CloudEventReader.UnreadableEventException.class)
                .hasMessageStartingWith("not a CloudEvents JSON message (broken or truncated JSON?)");
        assertThatThrownBy(() -> read(MESSAGE.replace("\"at\":\"2026-11-20T09:58:00Z\"", "\"at\":\"yesterday\"")))
                .as("data of the wrong shape").isInstanceOf(CloudEventReader.UnreadableEventException.class)
                .hasMessageStartingWith("data of postmortem.IncidentTimeCorrected.v1 853e5219 does not read: ");
    }

    private EventEnvelope read(String message) {
        return reader.read(message.getBytes(StandardCharsets.UTF_8));
    }
}
