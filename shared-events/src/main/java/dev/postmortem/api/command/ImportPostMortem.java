package dev.postmortem.api.command;

import dev.postmortem.api.value.PostMortemDocument;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a post-mortem from an existing document, all of it or nothing (see {@code PostMortemImported}). */
public record ImportPostMortem(@TargetAggregateIdentifier String postMortemId,
                               String sourceName,
                               String sha256,
                               PostMortemDocument document) implements PostMortemCommand {

    /** A new post-mortem: there is no version to expect. */
    @Override
    public Long expectedVersion() {
        return null;
    }
}
