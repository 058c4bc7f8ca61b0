package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

/**
 * The post-mortem came from an existing document, brought in by the person importing it (the actor, at the time of the
 * import) — right after its {@link PostMortemCreated}, before the events that put the document's content in, which
 * are the ordinary ones with the same actor and time: the history records an import, not a past that did not happen.
 * The document's own dates (incident times, the meeting) are in that content. {@code format} is {@code markdown};
 * {@code sourceName} what the importer called the file ({@code ""} for none); {@code sha256} the file's digest, which
 * makes a second import of the same file the same post-mortem; {@code originalAuthor} who the document says wrote it
 * ({@code ""} when it does not).
 */
@Revision("1")
public record PostMortemImported(String postMortemId,
                                 String format,
                                 String sourceName,
                                 String sha256,
                                 String originalAuthor) implements PostMortemEvent {
}
