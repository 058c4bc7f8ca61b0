package dev.postmortem.command.domain;

import dev.postmortem.api.event.PostMortemCreated;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A single member of the post-mortem (its 5 whys, incident times, description, classification): it learns the
 * post-mortem's id from the creation event, to name it on the events it applies.
 */
public abstract class PostMortemPart {

    protected String postMortemId;

    @EventSourcingHandler
    void on(PostMortemCreated event) {
        postMortemId = event.postMortemId();
    }
}
