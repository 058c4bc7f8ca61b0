package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/**
 * The post-mortem names the incident it is about in the paging or incident tool: the tool ({@code pagerduty},
 * {@code opsgenie}, … or {@code other}), the incident's id there, and where to find it (none when the tool has no
 * address for it: {@code ""}). Linking another incident replaces the link.
 */
@Revision("1")
public record IncidentLinked(String postMortemId,
                             String provider,
                             String incidentId,
                             String url) implements PostMortemEvent {
}
