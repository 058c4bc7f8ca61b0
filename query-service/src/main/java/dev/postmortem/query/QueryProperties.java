package dev.postmortem.query;

import dev.postmortem.api.event.EventTypes;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.regex.Pattern;

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
 * @param consumerInstanceId    this instance's name in the projections' consumer groups (Kafka's static membership,
 *                              {@code group.instance.id}); unique per running instance and the same across its
 *                              restarts. Unset: dynamic membership
 * @param exportRemoteImages    whether the Markdown export keeps images from http(s) URLs in free text as images;
 *                              by default they become links, so that rendering an export fetches nothing
 */
@ConfigurationProperties("postmortem.query")
public record QueryProperties(@DefaultValue(EventTypes.TOPIC) String topic,
                              @DefaultValue("5s") Duration readYourWritesTimeout,
                              @DefaultValue("query-service-kpis") String kpiGroupId,
                              @DefaultValue("90d") Duration revisitAfter,
                              @DefaultValue("1h") Duration rebuildAbandonedAfter,
                              String consumerInstanceId,
                              @DefaultValue("false") boolean exportRemoteImages) {

    /** What Kafka accepts in a {@code group.instance.id}. */
    static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public QueryProperties {
        if (consumerInstanceId != null && consumerInstanceId.isBlank()) {
            consumerInstanceId = null;
        }
        if (consumerInstanceId != null && !INSTANCE_ID.matcher(consumerInstanceId).matches()) {
            throw new IllegalArgumentException("postmortem.query.consumer-instance-id must be 1 to 200 of a-z, A-Z, 0-9, '.', '_' and '-': "
                    + consumerInstanceId);
        }
    }

    public String deadLetterTopic() {
        return topic + ".dlt";
    }
}
