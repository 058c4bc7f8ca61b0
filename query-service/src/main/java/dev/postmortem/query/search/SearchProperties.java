package dev.postmortem.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code postmortem.search.*}.
 *
 * @param alias    the alias searches and writes go through; a rebuild fills a new index and moves it
 * @param groupId  the search projection's consumer group
 * @param replicas replicas of each index (0 on a single node)
 * @param refreshInterval how soon an indexed change becomes searchable (Elasticsearch's {@code refresh_interval});
 *                        applied to new indexes and, at start-up, to the current one
 */
@ConfigurationProperties("postmortem.search")
public record SearchProperties(@DefaultValue("postmortems") String alias,
                               @DefaultValue("query-service-search") String groupId,
                               @DefaultValue("0") int replicas,
                               @DefaultValue("1s") Duration refreshInterval) {

    public SearchProperties {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("postmortem.search.refresh-interval must be positive, was " + refreshInterval);
        }
    }

    /** The interval in Elasticsearch's notation. */
    public String refreshIntervalSetting() {
        return refreshInterval.toMillis() + "ms";
    }
}
