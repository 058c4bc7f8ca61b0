package dev.postmortem.query.projection;

import dev.postmortem.query.view.PostMortemView;
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

    static CountermeasureDocument of(PostMortemView postMortem, PostMortemView.Countermeasure c) {
        PostMortemView.Revisit last = c.revisits.isEmpty() ? null : c.revisits.get(c.revisits.size() - 1);
        return new CountermeasureDocument(c.id, postMortem.id, postMortem.title, postMortem.status, postMortem.severity,
                c.title, c.description, c.priority, c.type, c.status, c.owner, c.targetDate, c.proposedAt, c.completedAt,
                c.completionNote, c.declinedReason, last == null ? null : last.verdict, last == null ? null : last.at,
                c.overdueAnnouncedFor, postMortem.visibleTo, postMortem.stuck != null ? Boolean.TRUE : null);
    }
}
