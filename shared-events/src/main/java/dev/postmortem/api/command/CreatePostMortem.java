package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Opens a new post-mortem in draft. The creator is the authenticated actor, never a field. With people or groups
 * named it is restricted to them from its first event on (the creator is always among the people), so that not even
 * its title is ever visible to anyone else.
 */
public record CreatePostMortem(@TargetAggregateIdentifier String postMortemId, String title, List<String> restrictedToPeople,
                               List<String> restrictedToGroups) implements PostMortemCommand {

    /** An open post-mortem. */
    public CreatePostMortem(String postMortemId, String title) {
        this(postMortemId, title, List.of(), List.of());
    }

    /** A new post-mortem has no version to expect. */
    @Override
    public Long expectedVersion() {
        return null;
    }
}
