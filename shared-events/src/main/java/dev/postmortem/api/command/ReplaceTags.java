package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets the tags; they are normalised (trimmed, lower-case). */
public record ReplaceTags(@TargetAggregateIdentifier String postMortemId,
                          Long expectedVersion,
                          List<String> tags) implements PostMortemCommand {
}
