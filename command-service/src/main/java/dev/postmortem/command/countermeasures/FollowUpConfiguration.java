package dev.postmortem.command.countermeasures;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * Countermeasure follow-through on the write side: the deadlines table (a tracking processor from the first event
 * on, errors retried rather than skipped) and the scheduled overdue watch.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "postmortem.followup.enabled", havingValue = "true", matchIfMissing = true)
class FollowUpConfiguration {

    @Bean
    CountermeasureDeadlines countermeasureDeadlines(JdbcClient jdbc) {
        return new CountermeasureDeadlines(jdbc);
    }

    @Bean
    OverdueWatch overdueWatch(CountermeasureDeadlines deadlines, CommandGateway commands, Clock clock, FollowUpProperties properties) {
        return new OverdueWatch(deadlines, commands, clock, properties);
    }

    @Bean
    ConfigurerModule overdueWatchProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(CountermeasureDeadlines.PROCESSING_GROUP,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                     .andBatchSize(100)
                                                                     .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerListenerInvocationErrorHandler(CountermeasureDeadlines.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
