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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 4. The views' server (MongoDB wire) and then the search server (Elasticsearch) are each stopped for
 * a while under a steady load of commands, and started again on the same port and data: the server's health component,
 * the overall health and readiness go DOWN and come back UP (liveness stays UP: a restart would not bring the server
 * back), the projections wait (they retry for as long as the server is away and park nothing) and then catch up, and
 * in the end views, history and index hold every stored event once and the consumers report no lag.
 */
@ExtendWith(DataDirectories.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Test
    void projectionsWaitForTheirServersAndLoseNothing(DataDirectories directories) throws Exception {
        Map<String, Path> data = new LinkedHashMap<>();
        Map<String, LocalStackProcess> servers = new LinkedHashMap<>();
        Properties addresses = new Properties();
        try {
            servers.put("postgres+kafka", LocalStackProcess.startOnly(directories.newDirectory(), List.of("postgres", "kafka")));
            addresses.putAll(servers.get("postgres+kafka").addresses());
            for (String server : List.of("mongo", "elasticsearch")) {
                data.put(server, directories.newDirectory());
                servers.put(server, LocalStackProcess.startOnly(data.get(server), List.of(server)));
                addresses.putAll(servers.get(server).addresses());
            }
            try (ServiceProcess commandService = ServiceProcess.commandService(addresses, Path.of("target"));
                 ConfigurableApplicationContext queryService = InProcessService.start(QueryServiceApplication.class, addresses);
                 Reconciliation reconciliation = new Reconciliation(addresses)) {
                HttpApi queries = new HttpApi(InProcessService.baseUrl(queryService)).as(TestUsers.ADMIN);
                HealthProbe health = new HealthProbe(InProcessService.baseUrl(queryService));
                CommandLoad load = CommandLoad.start(commandService::baseUrl, 2);
                HealthProbe.await("overall health", health::overall, "UP 200", SETTLE);
                assertThat(new HttpApi(InProcessService.baseUrl(queryService)).get("/actuator/health").body().has("components"))
                        .as("health details are for ADMIN only").isFalse();
                StringBuilder outages = new StringBuilder();
                for (String server : List.of("mongo", "elasticsearch")) {
                    Thread.sleep(3_000);
                    int port = LocalStackAddresses.port(addresses, server);
                    servers.remove(server).close();
                    long acknowledgedBefore = load.succeeded();
                    health.awaitComponent(server, "DOWN", SETTLE);
                    assertThat(health.overall()).as("overall health without %s", server).isEqualTo("DOWN 503");
                    HealthProbe.await("readiness without " + server, health::readiness, "DOWN 503", SETTLE);
                    assertThat(health.liveness()).as("liveness without %s", server).isEqualTo("UP 200");
                    Thread.sleep(OUTAGE.toMillis());
                    outages.append(server).append(" away: ").append(load.succeeded() - acknowledgedBefore).append(" commands acknowledged; ");

                    servers.put(server, LocalStackProcess.startOnly(data.get(server), List.of(server), Map.of(server, port)));
                    health.awaitComponent(server, "UP", Duration.ofSeconds(90));
                    HealthProbe.await("readiness with " + server + " back", health::readiness, "UP 200", SETTLE);
                    HealthProbe.await("overall health with " + server + " back", health::overall, "UP 200", SETTLE);
                }
                Thread.sleep(3_000);
                load.close();

                assertThat(load.refused()).as("commands refused (by status)").isEmpty();
                Reconciliation.Figures figures = reconciliation.check(load.acknowledged(), () -> queries, Duration.ofMinutes(3));
                for (String consumer : List.of("views", "search", "kpis")) {
                    // NaN once the consumer has fetched nothing for a while: no lag either
                    await("the " + consumer + " consumer's lag on the topic").atMost(SETTLE).untilAsserted(() -> assertThat(health.sample(
                            "kafka_consumer_fetch_manager_records_lag_max", "client_id=\"consumer-query-service-" + consumer))
                            .hasValueSatisfying(lag -> assertThat(lag > 0).as("lag %s", lag).isFalse()));
                }
                System.out.printf("MongoDB and Elasticsearch each away for %s s under load: %s; %s checked %s%n", OUTAGE.toSeconds(), load,
                        outages, figures);
            }
        } finally {
            servers.values().forEach(LocalStackProcess::close);
        }
    }
}
