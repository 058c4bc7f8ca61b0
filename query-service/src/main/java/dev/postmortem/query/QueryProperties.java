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
 * @param rebuildAbandonedAfter how old another rebuild's collections and index must be for the next rebuild to take
 *                              them for the leftovers of a rebuild that died (a crash, a kill) and drop them
 */
@ConfigurationProperties("postmortem.query")
public record QueryProperties(@DefaultValue("postmortem.events") String topic,
                              @DefaultValue("5s") Duration readYourWritesTimeout,
                              @DefaultValue("query-service-kpis") String kpiGroupId,
                              @DefaultValue("90d") Duration revisitAfter,
                              @DefaultValue("1h") Duration rebuildAbandonedAfter) {

    public String deadLetterTopic() {
        return topic + ".dlt";
    }
}
