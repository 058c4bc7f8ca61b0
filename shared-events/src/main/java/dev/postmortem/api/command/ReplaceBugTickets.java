package dev.postmortem.api.command;

import dev.postmortem.api.value.BugTicket;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets the bug tickets associated with the remediation. */
public record ReplaceBugTickets(@TargetAggregateIdentifier String postMortemId,
                                Long expectedVersion,
                                List<BugTicket> tickets) implements PostMortemCommand {
}
