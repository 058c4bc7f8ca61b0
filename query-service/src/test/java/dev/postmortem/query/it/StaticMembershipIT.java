package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.InProcessService;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.query.QueryServiceApplication;
import dev.postmortem.query.postmortem.ViewsListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The misconfiguration static membership allows: two running instances with one
 * {@code postmortem.query.consumer-instance-id}. Kafka fences the older one, whose projections stop, and its health
 * must say so (the {@code projections} component) instead of serving ever staler views as if all were well.
 */
@ExtendWith(LocalStackExtension.class)
class StaticMembershipIT {

    /** The same instance id; consumer groups of their own, so that other tests' services are not disturbed. */
    private static final String[] TWIN = {"--postmortem.query.consumer-instance-id=query-service-twin",
            "--spring.kafka.consumer.group-id=twins-views", "--postmortem.search.group-id=twins-search",
            "--postmortem.query.kpi-group-id=twins-kpis"};

    private static Status projections(ConfigurableApplicationContext service) {
        return service.getBean(HealthEndpoint.class).healthForPath("projections").getStatus();
    }

    private static boolean viewsRunning(ConfigurableApplicationContext service) {
        return service.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(ViewsListener.ID).isRunning();
    }

    @Test
    void aSecondRunningInstanceWithTheSameIdFencesTheFirstAndItsHealthGoesDown() {
        Properties addresses = LocalStackExtension.shared();
        try (ConfigurableApplicationContext first = InProcessService.start(QueryServiceApplication.class, addresses, TWIN)) {
            assertThat(projections(first)).isEqualTo(Status.UP);
            try (ConfigurableApplicationContext second = InProcessService.start(QueryServiceApplication.class, addresses, TWIN)) {
                await("one twin fenced").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                                        .until(() -> !viewsRunning(first) || !viewsRunning(second));
                ConfigurableApplicationContext fenced = viewsRunning(first) ? second : first;
                ConfigurableApplicationContext survivor = fenced == first ? second : first;
                assertThat(fenced).as("Kafka fences the member the newer one replaced").isSameAs(first);
                assertThat(projections(fenced)).as("health of the fenced instance").isEqualTo(Status.DOWN);
                assertThat(projections(survivor)).as("health of the instance that took over").isEqualTo(Status.UP);
            }
        }
    }
}
