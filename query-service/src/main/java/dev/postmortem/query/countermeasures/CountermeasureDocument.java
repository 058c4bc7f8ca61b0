package dev.postmortem.query.countermeasures;

import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the {@code countermeasures} collection: a countermeasure with enough of its post-mortem to follow it
 * up across the whole organisation (owner, status, priority, target date), who may see it if restricted, and whether its
 * post-mortem is stuck ({@code true}, absent otherwise: then only admins see it).
 */
public record CountermeasureDocument(@Id String id, String postMortemId, String postMortemTitle, String postMortemStatus,
                                     String severity, String title, String description, String priority, String type,
                                     String status, String owner, LocalDate targetDate, Instant proposedAt,
                                     Instant completedAt, String completionNote, String declinedReason, String lastVerdict,
                                     Instant lastRevisitedAt, LocalDate overdueAnnouncedFor,
                                     List<String> visibleTo, Boolean stuck) {
}
