package dev.postmortem.kit.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The health indicator {@code kafka} of a service that talks to Kafka (a service imports it). */
@Configuration(proxyBeanMethods = false)
public class KafkaHealthConfiguration {

    @Bean("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin);
    }
}
