package dev.postmortem.api.command;

/**
 * A request to change one post-mortem. {@code expectedVersion} is the version the sender last saw
 * (HTTP {@code If-Match}); {@code null} means "whatever the current version is".
 */
public sealed interface PostMortemCommand permits
        TimelineEntryCommand, StakeholderCommand, CountermeasureCommand,
        CreatePostMortem, ChangeTitle, RecordMeetingDetails,
        SetIncidentTime, ClearIncidentTime, SetSeverity,
        AnswerWhy, RemoveWhy, IdentifyRootCause,
        WriteDescription, ReplaceBugTickets, ReplaceTags, ReplaceAffectedServices, ReplaceOwningTeams,
        SubmitForReview, ReturnToDraft, Publish, RestrictPostMortem, UnrestrictPostMortem,
        CommentOnReview, ResolveReviewComment, ApproveReview, RequestChanges, LinkIncident, UnlinkIncident,
        ImportTimelineEntries, ImportPostMortem {

    String postMortemId();

    /**
     * The version the sender last saw, or {@code null}. Checked by the aggregate after the restriction check, so that a
     * stale version of a post-mortem one may not see is answered like an unknown id, not with its current version.
     */
    Long expectedVersion();
}
