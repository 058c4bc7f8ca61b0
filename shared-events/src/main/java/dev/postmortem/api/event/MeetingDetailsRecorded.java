package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The post-mortem meeting's date, contact person and facilitator were recorded. */
@Revision("1")
public record MeetingDetailsRecorded(String postMortemId,
                                     Instant meetingAt,
                                     String contactPerson,
                                     String facilitatedBy) implements PostMortemEvent {
}
