package dev.postmortem.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records when the post-mortem meeting takes place, who the contact person is and who facilitates it. */
public record RecordMeetingDetails(@TargetAggregateIdentifier String postMortemId,
                                   Long expectedVersion,
                                   Instant meetingAt,
                                   String contactPerson,
                                   String facilitatedBy) implements PostMortemCommand {
}
