package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events outlive the processes: the service and PostgreSQL are both stopped and started again on the same data
 * directory, and the aggregate loads with every event it had.
 */
class RestartIT {

    private final Path dataDirectory = LocalStackExtension.newDataDirectory();

    @AfterEach
    void cleanUp() {
        LocalStackExtension.deleteRecursively(dataDirectory);
    }

    @Test
    void theAggregateLoadsWithAllItsEventsAfterARestartOfServiceAndDatabase() {
        String id;
        long versionBefore;
        try (LocalStackProcess stack = LocalStackProcess.startOnly(dataDirectory, List.of("postgres", "kafka"));
             ConfigurableApplicationContext service = CommandServiceRunner.start(stack.addresses())) {
            HttpApi api = CommandServiceRunner.api(service);
            id = api.post("/api/postmortems", "{\"title\":\"Restart drill\"}").ok().body().path("id").asText();
            String pm = "/api/postmortems/" + id;
            api.put(pm + "/severity", "{\"level\":\"SEV4\"}").ok();
            String cm = api.post(pm + "/countermeasures", "{\"title\":\"Runbook\",\"priority\":\"LOW\",\"type\":\"CORRECTIVE\"}")
                           .ok().body().path("id").asText();
            versionBefore = api.put(pm + "/countermeasures/" + cm + "/assignment", "{\"owner\":\"Ana\",\"targetDate\":\"2027-01-31\"}")
                               .ok().version();
            assertThat(versionBefore).isEqualTo(3);
        }

        try (LocalStackProcess stack = LocalStackProcess.startOnly(dataDirectory, List.of("postgres", "kafka"));
             ConfigurableApplicationContext service = CommandServiceRunner.start(stack.addresses())) {
            List<String> types = new ArrayList<>();
            service.getBean(EventStore.class).readEvents(id).asStream()
                   .map(DomainEventMessage::getPayloadType).forEach(type -> types.add(type.getSimpleName()));
            assertThat(types).containsExactly("PostMortemCreated", "SeverityAssessed", "CountermeasureProposed", "CountermeasureAssigned");

            HttpApi api = CommandServiceRunner.api(service);
            String pm = "/api/postmortems/" + id;
            // The reloaded state decides: the same severity is still a no-op, the old version is still current.
            assertThat(api.put(pm + "/severity", "{\"level\":\"SEV4\"}", "If-Match", "\"" + versionBefore + "\"").ok().version())
                    .isEqualTo(versionBefore);
            assertThat(api.put(pm + "/severity", "{\"level\":\"SEV3\"}", "If-Match", "\"" + versionBefore + "\"").ok().version())
                    .isEqualTo(versionBefore + 1);
        }
    }
}
