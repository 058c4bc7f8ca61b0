package dev.postmortem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The rebuild's raw peer: a plain Kafka consumer reading the whole event topic from the beginning, as fast as the
 * broker serves it, once as bytes and once parsing each record's JSON (the least a projection must do with an event).
 * The rebuild's rate beside this one, in the same run, is the figure that holds on a noisy machine.
 */
final class PlainConsumer {

    static final String TOPIC = "postmortem.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Rate(long records, double seconds, long parsedRecords, double parsedSeconds) {
        double perSecond() {
            return records / seconds;
        }

        double parsedPerSecond() {
            return parsedRecords / parsedSeconds;
        }
    }

    private PlainConsumer() {
    }

    static Rate read(String bootstrapServers) {
        long started = System.nanoTime();
        long records = readAll(bootstrapServers, false);
        double seconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        long parsed = readAll(bootstrapServers, true);
        return new Rate(records, seconds, parsed, (System.nanoTime() - started) / 1e9);
    }

    private static long readAll(String bootstrapServers, boolean parse) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (parse) {
                        JSON.readTree(record.value());
                    }
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("a record of the topic is not JSON", e);
        }
    }
}
