package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.bson.Document;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away while commands keep arriving and comes back: every event reaches the views exactly once in
 * effect, and the views equal a fresh rebuild from the topic.
 */
class KafkaOutageIT {

    @RegisterExtension
    final DataDirectories directories = new DataDirectories();

    @Test
    void everyEventReachesTheViewsOnceAfterAKafkaOutage() {
        Path kafkaDirectory = directories.newDirectory();
        try (LocalStackProcess databases = LocalStackProcess.startOnly(directories.newDirectory(), List.of("postgres", "mongo", "elasticsearch"))) {
            LocalStackProcess kafka = LocalStackProcess.startOnly(kafkaDirectory, List.of("kafka"));
            Properties addresses = databases.addresses();
            addresses.putAll(kafka.addresses());
            int kafkaPort = LocalStackAddresses.port(addresses, "kafka");
            Map<String, Long> versions = new LinkedHashMap<>();
            try (CommandServiceProcess commandService = CommandServiceProcess.start(addresses, Path.of("target"));
                 ConfigurableApplicationContext queryService = QueryServiceRunner.start(addresses)) {
                HttpApi commands = new HttpApi(commandService.baseUrl()).as(TestUsers.ADMIN);
                HttpApi queries = new HttpApi(QueryServiceRunner.baseUrl(queryService)).as(TestUsers.ADMIN);

                write(commands, "Before the outage", versions);
                awaitViews(queries, versions, Duration.ofSeconds(60));

                kafka.close();
                for (int i = 0; i < 3; i++) {
                    write(commands, "During the outage " + i, versions);
                }
                kafka = LocalStackProcess.startOnly(kafkaDirectory, List.of("kafka"), Map.of("kafka", kafkaPort));
                write(commands, "After the outage", versions);
                awaitViews(queries, versions, Duration.ofSeconds(150));

                for (Map.Entry<String, Long> written : versions.entrySet()) {
                    JsonNode history = queries.get("/api/postmortems/" + written.getKey() + "/history").ok().body();
                    assertThat(history).as("history of %s", written.getKey()).hasSize((int) (written.getValue() + 1));
                }
                MongoTemplate mongo = queryService.getBean(MongoTemplate.class);
                Map<String, List<Document>> live = ReadModelSnapshot.of(mongo);
                queries.post("/api/admin/rebuild", null).ok();
                assertThat(ReadModelSnapshot.of(mongo)).as("the live views equal a fresh rebuild").isEqualTo(live);
            } finally {
                kafka.close();
            }
        }
    }

    private static void write(HttpApi commands, String title, Map<String, Long> versions) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        commands.put(pm + "/severity", "{\"level\":\"SEV3\"}").ok();
        commands.put(pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}").ok();
        commands.post(pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:03:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert\"}").ok();
        commands.put(pm + "/tags", "{\"tags\":[\"outage-drill\"]}").ok();
        versions.put(id, commands.put(pm + "/severity", "{\"level\":\"SEV2\"}").ok().version());
    }

    private static void awaitViews(HttpApi queries, Map<String, Long> versions, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        for (Map.Entry<String, Long> written : versions.entrySet()) {
            while (true) {
                HttpApi.Response view = queries.get("/api/postmortems/" + written.getKey());
                if (view.status() == 200 && view.version() >= written.getValue()) {
                    assertThat(view.version()).isEqualTo(written.getValue());
                    break;
                }
                assertThat(Instant.now()).as("view of %s to reach version %s", written.getKey(), written.getValue()).isBefore(deadline);
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
