package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Names the incident the post-mortem is about: the tool, the incident's id there, and optionally its address. */
public record LinkIncident(@TargetAggregateIdentifier String postMortemId,
                           Long expectedVersion,
                           String provider,
                           String incidentId,
                           String url) implements PostMortemCommand {
}
