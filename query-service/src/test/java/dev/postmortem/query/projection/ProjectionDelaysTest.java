package dev.postmortem.query.projection;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionDelaysTest {

    private static ConsumerRecord<String, byte[]> sentAt(long millis, TimestampType type) {
        return new ConsumerRecord<>("postmortem.events", 0, 0, millis, type, 0, 0, "pm", new byte[0], new RecordHeaders(), Optional.empty());
    }

    @Test
    void eachRecordIsMeasuredFromItsSendToDeliveryAndToWrite() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProjectionDelays delays = new ProjectionDelays(registry);

        delays.record("view projection", List.of(sentAt(1_000, TimestampType.CREATE_TIME), sentAt(1_500, TimestampType.CREATE_TIME),
                sentAt(1_200, TimestampType.LOG_APPEND_TIME)), 2_000, 2_300);

        Timer delivered = registry.get("postmortem.projection.delay").tag("projection", "view projection").tag("stage", "delivered").timer();
        Timer written = registry.get("postmortem.projection.delay").tag("projection", "view projection").tag("stage", "written").timer();
        assertThat(delivered.count()).as("a broker's append time is not the publisher's send").isEqualTo(2);
        assertThat(delivered.max(TimeUnit.MILLISECONDS)).isEqualTo(1_000);
        assertThat(delivered.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_500);
        assertThat(written.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_100);
    }
}
