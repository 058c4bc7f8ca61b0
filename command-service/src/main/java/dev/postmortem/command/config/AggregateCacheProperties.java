package dev.postmortem.command.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The cache of loaded post-mortems: how many are kept and for how long after their last command. 0 turns it off
 * (every command then replays the post-mortem's events from the event store).
 */
@ConfigurationProperties("postmortem.aggregate-cache")
public record AggregateCacheProperties(@DefaultValue("1000") int maximumSize,
                                       @DefaultValue("10m") Duration expireAfterAccess) {

    public AggregateCacheProperties {
        if (maximumSize < 0) {
            throw new IllegalArgumentException("postmortem.aggregate-cache.maximum-size must be 0 or more, was " + maximumSize);
        }
        if (expireAfterAccess.isNegative() || expireAfterAccess.isZero()) {
            throw new IllegalArgumentException("postmortem.aggregate-cache.expire-after-access must be positive, was " + expireAfterAccess);
        }
    }
}
