package dev.postmortem.command.it;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.HealthProbe;
import dev.postmortem.localstack.junit.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health endpoints follow the servers: each server is stopped under the running service and started again on
 * the same port and data. PostgreSQL away takes the service out of readiness; Kafka away shows in the overall health
 * and in the publisher's lag, but the service stays ready (commands are stored and published later).
 */
class HealthIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String LAG = "postmortem_event_processor_lag_events";
    private static final String PUBLISHER = "processor=\"kafka-publisher\"";

    @RegisterExtension
    final DataDirectories directories = new DataDirectories();

    @Test
    void healthGoesDownWithEachServerAndUpWhenItIsBack() {
        Path postgresData = directories.newDirectory();
        Path kafkaData = directories.newDirectory();
        LocalStackProcess postgres = LocalStackProcess.startOnly(postgresData, List.of("postgres"));
        LocalStackProcess kafka = LocalStackProcess.startOnly(kafkaData, List.of("kafka"));
        try {
            Properties addresses = postgres.addresses();
            addresses.putAll(kafka.addresses());
            try (ConfigurableApplicationContext service = CommandServiceRunner.start(addresses)) {
                String baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
                HealthProbe health = new HealthProbe(baseUrl);
                HttpApi api = CommandServiceRunner.api(service);

                HealthProbe.await("overall health", health::overall, "UP 200", SETTLE);
                assertThat(health.component("db")).isEqualTo("UP");
                assertThat(health.component("kafka")).isEqualTo("UP");
                assertThat(health.component("eventProcessors")).isEqualTo("UP");
                assertThat(health.readiness()).isEqualTo("UP 200");
                assertThat(health.liveness()).isEqualTo("UP 200");
                assertThat(new HttpApi(baseUrl).get("/actuator/health").body().has("components"))
                        .as("details are for ADMIN only").isFalse();
                api.post("/api/postmortems", "{\"title\":\"Health drill\"}").ok();
                HealthProbe.await("publisher lag", () -> health.sample(LAG, PUBLISHER), Optional.of(0.0), SETTLE);

                kafka.close();
                health.awaitComponent("kafka", "DOWN", SETTLE);
                assertThat(health.overall()).isEqualTo("DOWN 503");
                assertThat(health.readiness()).as("commands are still stored").isEqualTo("UP 200");
                assertThat(health.liveness()).isEqualTo("UP 200");
                String id = api.post("/api/postmortems", "{\"title\":\"Written while Kafka is away\"}").ok().body().path("id").asText();
                api.put("/api/postmortems/" + id + "/severity", "{\"level\":\"SEV3\"}").ok();
                HealthProbe.await("publisher lag while Kafka is away", () -> health.sample(LAG, PUBLISHER).map(lag -> lag >= 2),
                        Optional.of(true), SETTLE);

                kafka = LocalStackProcess.startOnly(kafkaData, List.of("kafka"), Map.of("kafka", LocalStackAddresses.port(addresses, "kafka")));
                health.awaitComponent("kafka", "UP", Duration.ofSeconds(90));
                HealthProbe.await("publisher lag after Kafka is back", () -> health.sample(LAG, PUBLISHER), Optional.of(0.0),
                        Duration.ofSeconds(90));
                HealthProbe.await("overall health", health::overall, "UP 200", SETTLE);

                postgres.close();
                health.awaitComponent("db", "DOWN", SETTLE);
                HealthProbe.await("readiness without PostgreSQL", health::readiness, "DOWN 503", SETTLE);
                assertThat(health.liveness()).as("a restart would not bring PostgreSQL back").isEqualTo("UP 200");

                postgres = LocalStackProcess.startOnly(postgresData, List.of("postgres"),
                        Map.of("postgres", LocalStackAddresses.port(addresses, "postgres")));
                health.awaitComponent("db", "UP", SETTLE);
                HealthProbe.await("readiness", health::readiness, "UP 200", SETTLE);
                HealthProbe.await("overall health", health::overall, "UP 200", Duration.ofSeconds(90));
                api.put("/api/postmortems/" + id + "/severity", "{\"level\":\"SEV2\"}").ok();
            }
        } finally {
            kafka.close();
            postgres.close();
        }
    }
}
