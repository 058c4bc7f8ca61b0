package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/** A review thread (named by its first comment) was resolved: what it asked for was done or answered. */
@Revision("1")
public record ReviewCommentResolved(String postMortemId,
                                    String commentId) implements PostMortemEvent {
}
