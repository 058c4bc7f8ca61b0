package dev.postmortem.command.publishing;

import dev.postmortem.api.event.EventTypes;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code postmortem.publisher.*}: where and how the event stream goes out.
 *
 * @param enabled      whether this instance publishes (the tracking token makes one instance at a time do it)
 * @param topic        the Kafka topic; key = post-mortem id
 * @param partitions   partitions of the topic when it is created here
 * @param replicas     replication factor of the topic when it is created here
 * @param batchSize    events per batch of the tracking processor (its token advances once per batch)
 * @param source       the CloudEvents {@code source} attribute
 * @param ackTimeout   how long a batch waits for the broker's acknowledgements before it is retried
 */
@ConfigurationProperties("postmortem.publisher")
public record PublisherProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue(EventTypes.TOPIC) String topic,
                                  @DefaultValue("3") int partitions,
                                  @DefaultValue("1") short replicas,
                                  @DefaultValue("100") int batchSize,
                                  @DefaultValue("/command-service") String source,
                                  @DefaultValue("30s") Duration ackTimeout) {
}
