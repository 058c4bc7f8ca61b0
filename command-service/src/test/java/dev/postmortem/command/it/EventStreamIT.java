package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka contract from the publishing side, against a real broker and a real event store. */
class EventStreamIT {

    private static final String TOPIC = "postmortem.events";
    @RegisterExtension
    final DataDirectories directories = new DataDirectories();

    /** Writes a small post-mortem and returns its id. */
    private static String writePostMortem(HttpApi api, String title) {
        String id = api.post("/api/postmortems", HttpApi.json(Map.of("title", title)), "X-Correlation-Id", "trace-" + title.length())
                       .ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        api.put(pm + "/severity", "{\"level\":\"SEV3\"}").ok();
        api.put(pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}").ok();
        api.put(pm + "/times/start?reason=clock skew", "{\"at\":\"2026-11-20T09:58:00Z\"}").ok();
        api.post(pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:03:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert\"}").ok();
        api.put(pm + "/tags", "{\"tags\":[\"dns\",\"cache\"]}").ok();
        api.put(pm + "/stakeholders", null); // wrong method: a 405, nothing stored
        return id;
    }

    /** Event ids per post-mortem, in order, from the event store. */
    private static Map<String, List<String>> storedEventIds(ConfigurableApplicationContext service, List<String> postMortemIds) {
        EventStore store = service.getBean(EventStore.class);
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String id : postMortemIds) {
            ids.put(id, store.readEvents(id).asStream().map(DomainEventMessage::getIdentifier).toList());
        }
        return ids;
    }

    private static void assertPublishedExactly(List<TopicReader.Message> messages, Map<String, List<String>> stored) {
        Set<String> storedIds = stored.values().stream().flatMap(List::stream).collect(Collectors.toCollection(TreeSet::new));
        Set<String> publishedIds = messages.stream().map(TopicReader.Message::id).collect(Collectors.toCollection(TreeSet::new));
        assertThat(publishedIds).as("every stored event is on the topic, and nothing else").isEqualTo(storedIds);
        stored.forEach((postMortemId, eventIds) -> {
            List<String> inTopicOrder = messages.stream().filter(m -> m.key().equals(postMortemId))
                                                .map(TopicReader.Message::id).distinct().toList();
            assertThat(inTopicOrder).as("per-key order of %s", postMortemId).isEqualTo(eventIds);
            List<Long> sequences = messages.stream().filter(m -> m.key().equals(postMortemId))
                                           .map(TopicReader.Message::sequence).distinct().toList();
            assertThat(sequences).isSortedAccordingTo(Long::compare);
        });
    }

    @Test
    void eventsStoredBeforeThePublisherFirstStartsAreAllPublished() {
        try (LocalStackProcess stack = LocalStackProcess.startOnly(directories.newDirectory(), List.of("postgres", "kafka"))) {
            Properties addresses = stack.addresses();
            List<String> ids = new ArrayList<>();
            try (ConfigurableApplicationContext service = CommandServiceRunner.start(addresses, "--postmortem.publisher.enabled=false")) {
                HttpApi api = CommandServiceRunner.api(service);
                for (int i = 0; i < 5; i++) {
                    ids.add(writePostMortem(api, "Before the publisher " + i));
                }
            }
            try (ConfigurableApplicationContext service = CommandServiceRunner.start(addresses);
                 TopicReader reader = new TopicReader(addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS), TOPIC)) {
                Map<String, List<String>> stored = storedEventIds(service, ids);
                int expected = stored.values().stream().mapToInt(List::size).sum();
                assertThat(expected).isEqualTo(5 * 7);
                List<TopicReader.Message> messages = reader.readUntil(
                        read -> read.stream().map(TopicReader.Message::id).distinct().count() >= expected, Duration.ofSeconds(60));
                assertPublishedExactly(messages, stored);

                TopicReader.Message corrected = messages.stream()
                        .filter(m -> m.type().equals("postmortem.IncidentTimeCorrected.v1")).findFirst().orElseThrow();
                assertThat(corrected.cloudEvent().path("reason").asText()).isEqualTo("clock skew");
                assertThat(corrected.cloudEvent().path("actor").asText()).isEqualTo(TestUsers.ADMIN);
                assertThat(corrected.cloudEvent().path("data").path("previousAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
                assertThat(corrected.cloudEvent().path("source").asText()).isEqualTo("/command-service");
            }
        }
    }

    @Test
    void aKafkaOutageDelaysPublicationButLosesNothing() {
        Path kafkaDirectory = directories.newDirectory();
        try (LocalStackProcess database = LocalStackProcess.startOnly(directories.newDirectory(), List.of("postgres"))) {
            LocalStackProcess kafka = LocalStackProcess.startOnly(kafkaDirectory, List.of("kafka"));
            Properties addresses = database.addresses();
            addresses.putAll(kafka.addresses());
            String bootstrap = addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS);
            int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            List<String> ids = new ArrayList<>();
            try (ConfigurableApplicationContext service = CommandServiceRunner.start(addresses)) {
                HttpApi api = CommandServiceRunner.api(service);
                ids.add(writePostMortem(api, "Before the outage"));
                try (TopicReader reader = new TopicReader(bootstrap, TOPIC)) {
                    reader.readUntil(read -> read.size() >= 7, Duration.ofSeconds(60));
                }

                kafka.close();
                for (int i = 0; i < 3; i++) {
                    ids.add(writePostMortem(api, "During the outage " + i));
                }

                kafka = LocalStackProcess.startOnly(kafkaDirectory, List.of("kafka"), Map.of("kafka", kafkaPort));
                Map<String, List<String>> stored = storedEventIds(service, ids);
                int expected = stored.values().stream().mapToInt(List::size).sum();
                try (TopicReader reader = new TopicReader(bootstrap, TOPIC)) {
                    List<TopicReader.Message> messages = reader.readUntil(
                            read -> read.stream().map(TopicReader.Message::id).distinct().count() >= expected, Duration.ofSeconds(120));
                    assertPublishedExactly(messages, stored);
                }
            } finally {
                kafka.close();
            }
        }
    }
}
