package dev.postmortem.command.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Axon's event processors (the Kafka publisher, the overdue watch) as an operator needs them: a gauge
 * {@code postmortem.event.processor.lag} per processor — events in the store that the processor has not handled yet,
 * the head of the store minus the slowest segment's position — and a health component {@code eventProcessors}
 * that is DOWN while a processor is stopped or in its error-retry mode (e.g. the publisher while Kafka is away).
 */
@Component("eventProcessors")
class EventProcessorMonitor extends AbstractHealthIndicator {

    static final String LAG_METRIC = "postmortem.event.processor.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;

    EventProcessorMonitor(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        super("Event processor health check failed");
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    /** Registered once the processors exist; a gauge reads the store's head and the processor's tokens on each scrape. */
    @EventListener(ApplicationReadyEvent.class)
    void registerLagGauges() {
        processing.eventProcessors().keySet().forEach(name -> Gauge.builder(LAG_METRIC, () -> lag(name))
                .tag("processor", name)
                .description("Events in the event store not yet handled by this event processor")
                .baseUnit("events")
                .register(registry));
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        for (String name : processing.eventProcessors().keySet()) {
            StreamingEventProcessor processor = streaming(name);
            if (processor == null) {
                continue;
            }
            boolean running = processor.isRunning();
            boolean error = processor.isError();
            healthy &= running && !error;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", running);
            details.put("error", error);
            details.put("segmentsClaimed", processor.processingStatus().size());
            details.put("lag", lag(name));
            builder.withDetail(name, details);
        }
        builder.status(healthy ? "UP" : "DOWN");
    }

    /** Events behind the head of the store; NaN when unknown (no segment claimed yet, or the store unreachable). */
    double lag(String name) {
        StreamingEventProcessor processor = streaming(name);
        if (processor == null) {
            return Double.NaN;
        }
        OptionalLong slowest = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        try {
            TrackingToken head = eventStore.createHeadToken();
            long headPosition = head == null ? 0 : head.position().orElse(0);
            if (slowest.isEmpty()) {
                return headPosition == 0 ? 0 : Double.NaN;
            }
            return Math.max(0, headPosition - slowest.getAsLong());
        } catch (RuntimeException storeUnreachable) {
            return Double.NaN;
        }
    }

    private StreamingEventProcessor streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null);
    }
}
