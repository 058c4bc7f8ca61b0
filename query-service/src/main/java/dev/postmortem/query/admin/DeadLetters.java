package dev.postmortem.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.stream.EventJson;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The records the projections parked on the dead-letter topic, for an operator: listed from the topic itself (the
 * reason is in the headers Spring Kafka wrote), and retried by sending the parked record again, key and bytes as they
 * were, onto the event topic — through the same projections, which skip what they already applied, so a retry can
 * only add what is missing. Each dead letter is retried at most once; if it fails again it is parked again, as a new
 * dead letter that names the one it retries. Who retried what, and when, is kept in MongoDB.
 */
@Service
public class DeadLetters {

    /** On a retried record: the id of the dead letter it retries (kept if it is parked again). */
    public static final String RETRY_OF_HEADER = "postmortem_retry-of";
    /** How many of the latest parkings a listing reads: poison records are rare, so this is a long way back. */
    static final int SCAN_LIMIT = 10_000;
    static final String RETRIES = "dead_letter_retries";
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);
    private static final Pattern REVISION = Pattern.compile("\\.v(\\d+)$");
    private static final String CAUSED_BY = "Caused by: ";
    /** The package of the exceptions Spring Kafka wraps a listener's failure in. */
    private static final String LISTENER_WRAPPING = "org.springframework.kafka.";
    private static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::firstParkedAt)
            .thenComparingLong((DeadLetter letter) -> letter.parkedBy().get(0).deadLetterOffset()).reversed();
    private static final Comparator<DeadLetter> TOPIC_ORDER = Comparator.comparingInt(DeadLetter::partition)
            .thenComparingLong(DeadLetter::offset);

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<Object, Object> kafka;
    private final MongoTemplate mongo;
    private final QueryProperties properties;
    private final Clock clock;

    DeadLetters(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<Object, Object> kafka, MongoTemplate mongo,
                QueryProperties properties, Clock clock) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** A page of dead letters, newest first. */
    public record Page(int total, int page, int size, List<DeadLetter> deadLetters) {
    }

    public Page list(String postMortemId, int page, int size) {
        List<DeadLetter> matching = scan().values().stream().map(Parked::letter)
                .filter(letter -> postMortemId == null || postMortemId.equals(letter.postMortemId()))
                .sorted(NEWEST_FIRST).toList();
        int from = (int) Math.min(matching.size(), (long) page * size);
        return new Page(matching.size(), page, size, matching.subList(from, Math.min(matching.size(), from + size)));
    }

    /** Sends one dead letter again. */
    public DeadLetter retry(String id, String by) {
        Parked parked = scan().get(DeadLetterId.parse(id));
        if (parked == null) {
            throw new NotFoundException(id);
        }
        return republish(parked, by);
    }

    /**
     * Sends every dead letter of one post-mortem not yet retried, in their order on the topic. This is what an
     * operator needs after a failure was fixed: the post-mortem's events after the failed one were parked too (as
     * a gap in its versions), and they apply only after it.
     */
    public List<DeadLetter> retryAll(String postMortemId, String by) {
        List<Parked> waiting = scan().values().stream()
                .filter(parked -> postMortemId.equals(parked.letter().postMortemId()) && parked.letter().retry() == null)
                .sorted(Comparator.comparing(Parked::letter, TOPIC_ORDER)).toList();
        List<DeadLetter> retried = new ArrayList<>();
        for (Parked parked : waiting) {
            try {
                retried.add(republish(parked, by));
            } catch (AlreadyRetriedException raced) {
                // another operator was quicker with this one: it is on its way already
            }
        }
        return retried;
    }

    private DeadLetter republish(Parked parked, String by) {
        DeadLetter letter = parked.letter();
        if (letter.retry() != null) {
            throw new AlreadyRetriedException(letter);
        }
        Instant at = clock.instant();
        try {
            // Claimed before sending: of two operators retrying at once, one sends.
            mongo.insert(new RetryDocument(letter.id(), by, at, null), RETRIES);
        } catch (DuplicateKeyException e) {
            throw new AlreadyRetriedException(letter.withRetry(retries(List.of(letter.id())).get(letter.id())));
        }
        ConsumerRecord<String, byte[]> record = parked.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().equals(RETRY_OF_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(RETRY_OF_HEADER, letter.id().getBytes(StandardCharsets.UTF_8));
        // The key picks the partition, as for every event; a record without one goes back where it was.
        ProducerRecord<Object, Object> again = new ProducerRecord<>(letter.topic(), record.key() == null ? letter.partition() : null,
                record.key(), record.value(), headers);
        try {
            RecordMetadata sent = kafka.send(again).get(KAFKA_WAIT.toSeconds(), TimeUnit.SECONDS).getRecordMetadata();
            String republishedAs = sent.partition() + "-" + sent.offset();
            mongo.updateFirst(Query.query(Criteria.where("_id").is(letter.id())), Update.update("republishedAs", republishedAs), RETRIES);
            return letter.withRetry(new DeadLetter.Retry(by, at, republishedAs));
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            unclaim(letter);
            throw new UnavailableException("could not send dead letter " + letter.id() + " again: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            unclaim(letter);
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while sending dead letter " + letter.id() + " again", e);
        }
    }

    private void unclaim(DeadLetter letter) {
        mongo.remove(Query.query(Criteria.where("_id").is(letter.id())), RETRIES);
    }

    /** A dead letter and the first parked copy of its record (the one a retry sends). */
    private record Parked(DeadLetter letter, ConsumerRecord<String, byte[]> record) {
    }

    /** The latest {@value #SCAN_LIMIT} parkings, one entry per record of the event topic, with their retries. */
    private Map<DeadLetterId, Parked> scan() {
        Map<DeadLetterId, Parked> parked = new LinkedHashMap<>();
        try (Consumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(properties.deadLetterTopic(), KAFKA_WAIT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, KAFKA_WAIT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_WAIT);
            partitions.forEach(partition -> consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - SCAN_LIMIT)));
            Instant deadline = Instant.now().plus(KAFKA_WAIT);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, KAFKA_WAIT) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new UnavailableException("the dead-letter topic did not read to its end within " + KAFKA_WAIT.toSeconds() + " s", null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    add(parked, record);
                }
            }
        } catch (KafkaException e) {
            throw new UnavailableException("the dead-letter topic cannot be read: " + e.getMessage(), e);
        }
        Map<String, DeadLetter.Retry> retries = retries(parked.values().stream().map(entry -> entry.letter().id()).toList());
        parked.replaceAll((id, entry) -> retries.containsKey(id.toString())
                ? new Parked(entry.letter().withRetry(retries.get(id.toString())), entry.record()) : entry);
        return parked;
    }

    /** Adds a parking to its record's entry; what was not parked from the event topic is not ours and left out. */
    private void add(Map<DeadLetterId, Parked> parked, ConsumerRecord<String, byte[]> record) {
        byte[] partition = bytes(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        byte[] offset = bytes(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        String topic = text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (partition == null || partition.length != Integer.BYTES || offset == null || offset.length != Long.BYTES
                || !properties.topic().equals(topic)) {
            return;
        }
        DeadLetterId id = new DeadLetterId(ByteBuffer.wrap(partition).getInt(), ByteBuffer.wrap(offset).getLong());
        DeadLetter.Parking parking = parking(record);
        Parked known = parked.get(id);
        if (known != null) {
            parked.put(id, new Parked(known.letter().withParking(parking), known.record()));
            return;
        }
        String[] event = cloudEvent(record.value());
        parked.put(id, new Parked(new DeadLetter(id.toString(), topic, id.partition(), id.offset(), record.key(), event[0], event[1],
                event[2], text(record, RETRY_OF_HEADER), List.of(parking), null), record));
    }

    /**
     * Why it was parked: the first exception of the stack trace that is not Spring Kafka's wrapping of a listener's
     * failure — the projection's own refusal (unreadable, a gap, ...), not the parser error deep inside it.
     */
    private static DeadLetter.Parking parking(ConsumerRecord<String, byte[]> record) {
        String exception = text(record, KafkaHeaders.DLT_EXCEPTION_FQCN);
        String reason = text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        String stackTrace = text(record, KafkaHeaders.DLT_EXCEPTION_STACKTRACE);
        if (stackTrace != null) {
            String ownFailure = Stream.concat(stackTrace.lines().limit(1),
                            stackTrace.lines().filter(line -> line.startsWith(CAUSED_BY)).map(line -> line.substring(CAUSED_BY.length())))
                    .filter(line -> !line.startsWith(LISTENER_WRAPPING)).findFirst().orElse(null);
            if (ownFailure != null) {
                int colon = ownFailure.indexOf(": ");
                exception = colon < 0 ? ownFailure : ownFailure.substring(0, colon);
                reason = colon < 0 ? "" : ownFailure.substring(colon + 2);
            }
        }
        return new DeadLetter.Parking(text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP), Instant.ofEpochMilli(record.timestamp()),
                exception, reason, record.offset());
    }

    /** Id, type and revision of the CloudEvent, as far as the record reads as one (nulls where it does not). */
    private static String[] cloudEvent(byte[] value) {
        String[] event = new String[3];
        try {
            JsonNode json = EventJson.MAPPER.readTree(value);
            if (json != null && json.isObject()) {
                event[0] = json.path("id").isValueNode() ? json.path("id").asText() : null;
                event[1] = json.path("type").isValueNode() ? json.path("type").asText() : null;
                Matcher revision = REVISION.matcher(event[1] == null ? "" : event[1]);
                event[2] = revision.find() ? revision.group(1) : null;
            }
        } catch (IOException | RuntimeException notJson) {
            // broken JSON: the reason says so; there is nothing more to show
        }
        return event;
    }

    private Map<String, DeadLetter.Retry> retries(List<String> ids) {
        Map<String, DeadLetter.Retry> retries = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(ids)), RetryDocument.class, RETRIES).forEach(retry ->
                    retries.put(retry.id(), new DeadLetter.Retry(retry.by(), retry.at(), retry.republishedAs())));
        }
        return retries;
    }

    private static byte[] bytes(ConsumerRecord<String, byte[]> record, String header) {
        Header last = record.headers().lastHeader(header);
        return last == null ? null : last.value();
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        byte[] value = bytes(record, header);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private Consumer<String, byte[]> newConsumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return consumers.createConsumer("query-service-dead-letters", "dead-letters", null, overrides);
    }

    /** Who retried a dead letter, and where the record went; its id is the dead letter's. */
    record RetryDocument(@Id String id, String by, Instant at, String republishedAs) {
    }

    /** No dead letter has this id (or it is older than the listing reads). */
    public static final class NotFoundException extends RuntimeException {
        NotFoundException(String id) {
            super("There is no dead letter " + id + " (among the latest " + SCAN_LIMIT + " parkings).");
        }
    }

    /** The dead letter was retried already; if that failed again, it was parked again under a new id. */
    public static final class AlreadyRetriedException extends RuntimeException {
        AlreadyRetriedException(DeadLetter letter) {
            super("Dead letter " + letter.id() + " was retried already" + (letter.retry() == null ? "" : " by " + letter.retry().by()
                    + " at " + letter.retry().at()) + "; if it failed again it is listed again, with retryOf " + letter.id() + ".");
        }
    }

    /** Kafka did not answer: nothing was retried. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
