package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Writes the incident description: short summary, remediation and additional info (links, images; no logs). */
public record WriteDescription(@TargetAggregateIdentifier String postMortemId,
                               Long expectedVersion,
                               String summary,
                               String remediation,
                               String additionalInfo) implements PostMortemCommand {
}
