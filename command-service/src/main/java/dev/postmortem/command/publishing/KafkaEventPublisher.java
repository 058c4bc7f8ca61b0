package dev.postmortem.command.publishing;

import dev.postmortem.api.event.PostMortemEvent;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka from the tracking processor {@value #PROCESSING_GROUP}. Sends of one batch go
 * out together; the batch commits (and the processor's token advances) only when Kafka has acknowledged all of them.
 * A failure fails the batch, the processor retries it with back-off: a Kafka outage delays publication but loses
 * nothing. A retried batch can send an event twice, so consumers deduplicate by CloudEvents id.
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    private final CloudEventMapper mapper;
    /** How long a send, or the topic's creation, may wait for Kafka's answer. */
    private final Duration ackTimeout;
    /** From an event's storing to Kafka's acknowledgement of it: the publisher's share of a read's staleness. */
    private final Timer delay;
    private volatile boolean topicReady;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, NewTopic topic, CloudEventMapper mapper,
                               PublisherProperties properties, Timer delay) {
        this.kafka = kafka;
        this.delay = delay;
        this.admin = admin;
        this.topic = topic;
        this.mapper = mapper;
        this.ackTimeout = properties.ackTimeout();
    }

    @EventHandler
    public void publish(PostMortemEvent event, EventMessage<?> message, @SequenceNumber Long sequence) {
        ensureTopic();
        byte[] value = mapper.serialize(mapper.toCloudEvent(event, message, sequence));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), event.postMortemId(), value);
        record.headers().add(new RecordHeader("content-type", CloudEventMapper.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        Instant stored = message.getTimestamp();
        pendingSends().add(kafka.send(record).whenComplete((sent, error) -> {
            if (error == null) {
                delay.record(Duration.between(stored, Instant.now()));
            }
        }));
    }

    /**
     * Creates the topic (retention: forever) before the first send rather than at start-up, so the service starts
     * and takes commands while Kafka is down; an error here fails the batch, which is retried.
     */
    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            client.createTopics(List.of(topic)).all().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic.name() + "; the batch will be retried", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in time; the batch will be retried", e);
        }
        topicReady = true;
    }

    /** The sends of the current batch, awaited once before the batch (and the token) commits. */
    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                             .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + sends.size() + " event(s); the batch will be retried", e);
        }
    }
}
