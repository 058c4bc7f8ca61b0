package dev.postmortem.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * How far behind the stream each live projection is, event by event: {@code postmortem.projection.delay} with the tags
 * {@code projection} and {@code stage} — {@code delivered} from the moment the publisher sent the event (the record's
 * create time) until its poll reached the projection, {@code written} until the projection had written it. With the
 * command service's {@code postmortem.publisher.delay} (stored → acknowledged by Kafka) this splits a stale read into
 * where the time went. Histograms, so that percentiles can be taken over any span and across instances.
 */
@Component
public class ProjectionDelays {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public ProjectionDelays(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the poll's events: handed to the projection at {@code delivered}, written by {@code written} (epoch ms). */
    public void record(String projection, List<? extends ConsumerRecord<?, ?>> records, long delivered, long written) {
        Timer toDelivery = timer(projection, "delivered");
        Timer toWrite = timer(projection, "written");
        for (ConsumerRecord<?, ?> record : records) {
            if (record.timestampType() == TimestampType.CREATE_TIME && record.timestamp() > 0) {
                toDelivery.record(Math.max(0, delivered - record.timestamp()), TimeUnit.MILLISECONDS);
                toWrite.record(Math.max(0, written - record.timestamp()), TimeUnit.MILLISECONDS);
            }
        }
    }

    private Timer timer(String projection, String stage) {
        return timers.computeIfAbsent(projection + "/" + stage, key -> Timer.builder("postmortem.projection.delay")
                .description("Time from the publisher's send of an event until the projection " + stage + " it")
                .tag("projection", projection).tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry));
    }
}
