package dev.postmortem.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far the query service's projections have processed the topic, asked of the broker: each consumer group's
 * committed offsets against the topic's end offsets. A consumer's own {@code records-lag} metric counts from what it
 * has fetched, so a backlog fetched into its buffer but not yet projected reads as no lag at all; a group commits
 * only after its listener has handled a batch.
 */
final class ConsumerGroups {

    static final List<String> PROJECTIONS = List.of("query-service-views", "query-service-search", "query-service-kpis");
    private static final String TOPIC = "postmortem.events";

    private ConsumerGroups() {
    }

    /**
     * Records each projection's group has yet to process, by group (a group without commits counts the whole topic).
     * The end offsets are asked first, so while events are still written a group can read a little below zero.
     */
    static Map<String, Long> behind(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().stream()
                                                   .map(partition -> new TopicPartition(TOPIC, partition.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()))).all().get();
            Map<String, Long> behind = new LinkedHashMap<>();
            for (String group : PROJECTIONS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata offset = committed.get(partition);
                    lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
                }
                behind.put(group, lag);
            }
            return behind;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not ask the broker how far the projections are: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
