package dev.postmortem.query.projection;

import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.util.concurrent.atomic.AtomicBoolean;

@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    @Bean
    CloudEventReader cloudEventReader() {
        return new CloudEventReader();
    }

    /**
     * Static membership (Kafka's {@code group.instance.id}) for the projections' consumers when
     * {@code postmortem.query.consumer-instance-id} is set. A consumer that dies without leaving its group (a crash,
     * SIGKILL, the OOM killer) keeps its partitions until its session times out (45 s by default); a static member
     * that comes back under the same id takes them back at once. The other side: an instance that stops for good
     * holds its partitions for the session timeout, since a static member does not leave on close. Only the live
     * projections' containers get it: the rebuild and the dead-letter listing assign themselves partitions and join
     * no group.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> staticMembership(QueryProperties properties) {
        return container -> {
            if (properties.consumerInstanceId() != null) {
                // Spring Kafka appends -0, -1, ... itself, one per consumer of the container.
                container.getContainerProperties().getKafkaConsumerProperties()
                         .setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.consumerInstanceId());
            }
        };
    }

    /** Where messages that cannot be projected are parked, with the reason in the record's headers. */
    @Bean
    NewTopic deadLetterTopic(QueryProperties properties) {
        return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).replicas(1)
                           .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }

    /**
     * A message that fails is retried twice, a second apart, then parked on the dead-letter topic so the post-mortems
     * behind it keep flowing; unreadable messages are parked at once. But while a server is unreachable (MongoDB,
     * Elasticsearch), nothing is wrong with the message: the projection waits and retries with back-off (up to 30 s
     * apart) for as long as it takes, and loses nothing.
     */
    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaTemplate<Object, Object> kafka, QueryProperties properties, KafkaAdmin admin,
                                               NewTopic deadLetterTopic) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, error) -> new TopicPartition(properties.deadLetterTopic(), 0));
        // The topic is declared at start-up, but that fails quietly when Kafka is slow or away then; so it is made
        // sure of before the first parking. If that fails too, the record is not parked and is delivered again.
        AtomicBoolean topicReady = new AtomicBoolean();
        ConsumerRecordRecoverer recoverer = (record, error) -> {
            if (!topicReady.get()) {
                admin.createOrModifyTopics(deadLetterTopic);
                topicReady.set(true);
            }
            publisher.accept(record, error);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
        handler.addNotRetryableExceptions(CloudEventReader.UnreadableEventException.class);
        handler.setBackOffFunction((record, error) -> BatchProjection.serverUnavailable(error) ? untilItIsBack() : null);
        return handler;
    }

    private static BackOff untilItIsBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2);
        backOff.setMaxInterval(30_000);
        return backOff;
    }
}
