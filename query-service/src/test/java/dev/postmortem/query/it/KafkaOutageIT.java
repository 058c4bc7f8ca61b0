package dev.postmortem.query.it;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.HealthProbe;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.InProcessService;
import dev.postmortem.localstack.junit.ServiceProcess;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.query.QueryServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 1. The broker is stopped for a minute while commands keep arriving, then started again on the same
 * port and data: the command side keeps accepting (the event store, not Kafka, is the source of truth), and once the
 * broker is back every acknowledged command reaches the store, the topic, the views and the index, once each in
 * effect; the views equal a fresh rebuild. While it is away, query-service's health shows it (overall DOWN) but it
 * stays ready: reads answer with what the projections have.
 */
@ExtendWith(DataDirectories.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void everyAcknowledgedCommandArrivesEverywhereAfterAMinuteWithoutKafka(DataDirectories directories) throws Exception {
        Path kafkaDirectory = directories.newDirectory();
        try (LocalStackProcess databases = LocalStackProcess.startOnly(directories.newDirectory(), List.of("postgres", "mongo", "elasticsearch"))) {
            LocalStackProcess kafka = LocalStackProcess.startOnly(kafkaDirectory, List.of("kafka"));
            Properties addresses = databases.addresses();
            addresses.putAll(kafka.addresses());
            int kafkaPort = LocalStackAddresses.port(addresses, "kafka");
            try (ServiceProcess commandService = ServiceProcess.commandService(addresses, Path.of("target"));
                 ConfigurableApplicationContext queryService = InProcessService.start(QueryServiceApplication.class, addresses);
                 Reconciliation reconciliation = new Reconciliation(addresses)) {
                HttpApi queries = new HttpApi(InProcessService.baseUrl(queryService)).as(TestUsers.ADMIN);
                HealthProbe health = new HealthProbe(InProcessService.baseUrl(queryService));
                HealthProbe.await("overall health", health::overall, "UP 200", Duration.ofSeconds(60));
                CommandLoad load = CommandLoad.start(commandService::baseUrl, 2);
                Thread.sleep(5_000);

                kafka.close();
                long acknowledgedBefore = load.succeeded();
                Instant outageEnds = Instant.now().plus(OUTAGE);
                health.awaitComponent("kafka", "DOWN", OUTAGE);
                assertThat(health.overall()).as("overall health without Kafka").isEqualTo("DOWN 503");
                assertThat(health.readiness()).as("readiness without Kafka: reads still answer").isEqualTo("UP 200");
                assertThat(health.liveness()).as("liveness without Kafka").isEqualTo("UP 200");
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), outageEnds).toMillis()));
                long acknowledgedDuring = load.succeeded() - acknowledgedBefore;
                kafka = LocalStackProcess.startOnly(kafkaDirectory, List.of("kafka"), Map.of("kafka", kafkaPort));
                health.awaitComponent("kafka", "UP", Duration.ofSeconds(90));
                HealthProbe.await("overall health with Kafka back", health::overall, "UP 200", Duration.ofSeconds(60));
                load.close();

                assertThat(acknowledgedDuring).as("commands acknowledged while Kafka was away").isPositive();
                assertThat(load.refused()).as("commands refused (by status)").isEmpty();
                assertThat(load.unanswered()).as("commands without an answer").isZero();
                Reconciliation.Figures figures = reconciliation.check(load.acknowledged(), () -> queries, Duration.ofMinutes(3));
                System.out.printf("Kafka outage of %s s: %s (%d during the outage); checked %s%n", OUTAGE.toSeconds(), load,
                        acknowledgedDuring, figures);
            } finally {
                kafka.close();
            }
        }
    }
}
