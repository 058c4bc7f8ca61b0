package dev.postmortem.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * {@code postmortem.web-ui.*}: where the two services answer, and how long a page waits for one.
 *
 * @param commandService the command service's base URL (writes)
 * @param queryService   the query service's base URL (reads, search, KPIs)
 * @param timeout        how long a call to a service may take before the page says it is not answering
 */
@ConfigurationProperties("postmortem.web-ui")
public record WebUiProperties(@DefaultValue("http://127.0.0.1:8081") URI commandService,
                              @DefaultValue("http://127.0.0.1:8082") URI queryService,
                              @DefaultValue("15s") Duration timeout) {
}
