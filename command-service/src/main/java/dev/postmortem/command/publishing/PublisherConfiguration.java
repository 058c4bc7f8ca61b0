package dev.postmortem.command.publishing;

import dev.postmortem.command.config.AxonConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;

/**
 * The Kafka publisher: a tracking processor over the event store. Its batch size comes from
 * {@code axon.eventhandling.processors.kafka-publisher} in application.yml (Spring Boot's processor settings replace
 * any tracking configuration registered here). It starts at the tail, Axon's default initial token, so that events
 * stored before its first run are published too ({@code EventStreamIT} proves it). One of Axon's defaults would lose
 * events here and is overridden: handler errors are only logged, which would drop the event; they propagate instead,
 * so the processor retries the batch with back-off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "postmortem.publisher.enabled", havingValue = "true", matchIfMissing = true)
class PublisherConfiguration {

    @Bean
    NewTopic postMortemEventsTopic(PublisherProperties properties) {
        return TopicBuilder.name(properties.topic())
                           .partitions(properties.partitions())
                           .replicas(properties.replicas())
                           .config(TopicConfig.RETENTION_MS_CONFIG, "-1")
                           .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                           .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                           .build();
    }

    @Bean
    CloudEventMapper cloudEventMapper(PublisherProperties properties) {
        return new CloudEventMapper(AxonConfiguration.eventObjectMapper(), properties.source());
    }

    @Bean
    KafkaEventPublisher kafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, NewTopic postMortemEventsTopic,
                                            CloudEventMapper mapper, PublisherProperties properties, MeterRegistry registry) {
        Timer delay = Timer.builder("postmortem.publisher.delay")
                           .description("Time from an event's storing until Kafka acknowledged its publication")
                           .publishPercentileHistogram()
                           .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                           .register(registry);
        return new KafkaEventPublisher(kafka, admin, postMortemEventsTopic, mapper, properties, delay);
    }

    @Bean
    ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
