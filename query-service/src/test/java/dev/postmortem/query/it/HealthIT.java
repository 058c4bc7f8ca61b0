package dev.postmortem.query.it;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.HealthProbe;
import dev.postmortem.localstack.junit.HttpApi;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health endpoints follow the servers: MongoDB, Elasticsearch and Kafka are each stopped under the running
 * query service and started again on the same port and data. The views' and the index's servers decide readiness;
 * Kafka away shows in the overall health only (reads still answer).
 */
class HealthIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String TOPIC = "postmortem.events";

    @RegisterExtension
    final DataDirectories directories = new DataDirectories();

    @Test
    void healthGoesDownWithEachServerAndUpWhenItIsBack() throws Exception {
        Map<String, Path> data = new LinkedHashMap<>();
        Map<String, LocalStackProcess> servers = new LinkedHashMap<>();
        Properties addresses = new Properties();
        try {
            for (String server : List.of("mongo", "elasticsearch", "kafka")) {
                data.put(server, directories.newDirectory());
                servers.put(server, LocalStackProcess.startOnly(data.get(server), List.of(server)));
                addresses.putAll(servers.get(server).addresses());
            }
            createTopic(addresses);
            try (ConfigurableApplicationContext service = QueryServiceRunner.start(addresses)) {
                String baseUrl = QueryServiceRunner.baseUrl(service);
                HealthProbe health = new HealthProbe(baseUrl);

                HealthProbe.await("overall health", health::overall, "UP 200", SETTLE);
                assertThat(health.component("mongo")).isEqualTo("UP");
                assertThat(health.component("elasticsearch")).isEqualTo("UP");
                assertThat(health.component("kafka")).isEqualTo("UP");
                assertThat(health.readiness()).isEqualTo("UP 200");
                assertThat(health.liveness()).isEqualTo("UP 200");
                assertThat(new HttpApi(baseUrl).get("/actuator/health").body().has("components"))
                        .as("details are for ADMIN only").isFalse();
                HealthProbe.await("the views' consumer lag on the topic",
                        () -> health.sample("kafka_consumer_fetch_manager_records_lag_max", "client_id=\"consumer-query-service-views"),
                        Optional.of(0.0), SETTLE);

                for (String server : List.of("mongo", "elasticsearch", "kafka")) {
                    int port = LocalStackAddresses.port(addresses, server);
                    servers.remove(server).close();
                    health.awaitComponent(server, "DOWN", SETTLE);
                    assertThat(health.overall()).as("overall health without %s", server).isEqualTo("DOWN 503");
                    boolean servesReads = server.equals("kafka");
                    HealthProbe.await("readiness without " + server, health::readiness, servesReads ? "UP 200" : "DOWN 503", SETTLE);
                    assertThat(health.liveness()).as("liveness without %s: a restart would not bring it back", server).isEqualTo("UP 200");

                    servers.put(server, LocalStackProcess.startOnly(data.get(server), List.of(server), Map.of(server, port)));
                    health.awaitComponent(server, "UP", Duration.ofSeconds(90));
                    HealthProbe.await("readiness with " + server + " back", health::readiness, "UP 200", SETTLE);
                    HealthProbe.await("overall health with " + server + " back", health::overall, "UP 200", SETTLE);
                }
            }
        } finally {
            servers.values().forEach(LocalStackProcess::close);
        }
    }

    /** The topic exists before the service starts, so its consumers are assigned partitions (and report lag) at once. */
    private static void createTopic(Properties addresses) throws Exception {
        String bootstrap = addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS);
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
