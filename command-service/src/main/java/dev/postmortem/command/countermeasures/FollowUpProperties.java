package dev.postmortem.command.countermeasures;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The overdue watch: how often it looks for countermeasures past their target date, in which time zone a target
 * date ends, and which actor its announcements are recorded under.
 */
@ConfigurationProperties("postmortem.followup")
public record FollowUpProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("1m") Duration overdueCheckInterval,
                                 @DefaultValue("UTC") ZoneId zone,
                                 @DefaultValue("system:overdue-watch") String actor) {
}
