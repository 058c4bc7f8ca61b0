package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Makes the post-mortem visible only to these people and groups (the user restricting it is always included). */
public record RestrictPostMortem(@TargetAggregateIdentifier String postMortemId,
                                 Long expectedVersion,
                                 List<String> people,
                                 List<String> groups) implements PostMortemCommand {
}
