package dev.postmortem.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code postmortem.search.*}.
 *
 * @param alias    the alias searches and writes go through; a rebuild fills a new index and moves it
 * @param groupId  the search projection's consumer group
 * @param replicas replicas of each index (0 on a single node)
 */
@ConfigurationProperties("postmortem.search")
public record SearchProperties(@DefaultValue("postmortems") String alias,
                               @DefaultValue("query-service-search") String groupId,
                               @DefaultValue("0") int replicas) {
}
