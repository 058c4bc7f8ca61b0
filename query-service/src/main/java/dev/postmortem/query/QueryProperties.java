package dev.postmortem.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code postmortem.query.*}.
 *
 * @param topic                 the event topic to project
 * @param readYourWritesTimeout how long a read with {@code minVersion} waits for the view to catch up
 * @param kpiGroupId            the KPI projection's consumer group
 * @param revisitAfter          how long after its completion (or last revisit) a countermeasure is due for an
 *                              effectiveness revisit
 */
@ConfigurationProperties("postmortem.query")
public record QueryProperties(@DefaultValue("postmortem.events") String topic,
                              @DefaultValue("5s") Duration readYourWritesTimeout,
                              @DefaultValue("query-service-kpis") String kpiGroupId,
                              @DefaultValue("90d") Duration revisitAfter) {

    public String deadLetterTopic() {
        return topic + ".dlt";
    }
}
