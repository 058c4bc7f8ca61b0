package dev.postmortem.api.event;

import dev.postmortem.api.value.ReviewSection;
import org.axonframework.serialization.Revision;

/**
 * A comment in the post-mortem's review: the first of a thread ({@code replyTo} empty) about a section, or one timeline
 * entry or countermeasure ({@code partId}; empty for a section as a whole); or a reply in the thread of {@code replyTo}
 * (its first comment), about the same part. A reply reopens a resolved thread. The author is the event's actor.
 */
@Revision("1")
public record ReviewCommentAdded(String postMortemId,
                                 String commentId,
                                 String replyTo,
                                 ReviewSection section,
                                 String partId,
                                 String text) implements PostMortemEvent {

    public ReviewCommentAdded {
        replyTo = replyTo == null ? "" : replyTo;
        partId = partId == null ? "" : partId;
    }

    /** Whether it begins a thread (rather than replying in one). */
    public boolean startsThread() {
        return replyTo.isEmpty();
    }
}
