package dev.postmortem.query.observability;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * The live projections (views, search, KPIs): each is a Kafka listener container, and this is UP while every one of
 * them runs. A rebuild pauses them, which is fine ({@code paused}). A container that has stopped does not come back by
 * itself: Spring Kafka stops one on a fatal consumer error, for example when Kafka fences it because another running
 * instance has the same {@code postmortem.query.consumer-instance-id}. Its read model then goes stale until the process
 * restarts, so the component is DOWN with the stopped projection named. In the overall health, like {@code kafka},
 * not in readiness: the views still answer with what they have.
 */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry listeners;

    ProjectionsHealthIndicator(KafkaListenerEndpointRegistry listeners) {
        super("Projections health check failed");
        this.listeners = listeners;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, String> states = new TreeMap<>();
        boolean allRunning = true;
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            states.put(container.getListenerId(), state(container));
            allRunning &= container.isRunning();
        }
        builder.status(allRunning ? Status.UP : Status.DOWN).withDetails(states);
    }

    static String state(MessageListenerContainer container) {
        if (!container.isRunning()) {
            return "stopped";
        }
        if (container.isContainerPaused()) {
            return "paused";
        }
        return container.isPauseRequested() ? "pausing" : "running";
    }
}
