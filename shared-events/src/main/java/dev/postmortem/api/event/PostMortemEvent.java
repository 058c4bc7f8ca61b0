package dev.postmortem.api.event;

/**
 * Everything that can happen to a post-mortem. Events are facts and are kept forever: a released event is never
 * changed in place; a new shape gets a new {@code @Revision} and an upcaster for the old one.
 */
public sealed interface PostMortemEvent permits
        PostMortemCreated, TitleChanged, MeetingDetailsRecorded,
        IncidentTimeRecorded, IncidentTimeCorrected, IncidentTimeCleared,
        SeverityAssessed, SeverityRegraded, TimelineEntryAdded,
        TimelineEntryCorrected, TimelineEntryWithdrawn, StakeholderAdded,
        StakeholderRolesChanged, StakeholderRemoved, WhyAnswered,
        WhyRemoved, RootCauseIdentified, SummaryWritten,
        RemediationWritten, AdditionalInfoWritten, BugTicketLinked,
        BugTicketUnlinked, TagAdded, TagRemoved,
        AffectedServiceAdded, AffectedServiceRemoved, OwningTeamAdded,
        OwningTeamRemoved, CountermeasureProposed, CountermeasureRevised,
        CountermeasureAssigned, CountermeasureStarted, CountermeasureCompleted,
        CountermeasureDeclined, CountermeasureRevisited, SubmittedForReview,
        ReturnedToDraft, PostMortemPublished, CountermeasureBecameOverdue,
        PostMortemRestricted, PostMortemUnrestricted, ReviewerAssigned,
        ReviewCommentAdded, ReviewCommentResolved, ReviewApproved,
        ChangesRequested, ApprovalsWithdrawn, IncidentLinked,
        IncidentUnlinked, TimelineEntryImported, PostMortemImported {

    String postMortemId();
}
