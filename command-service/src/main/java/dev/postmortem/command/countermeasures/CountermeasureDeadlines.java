package dev.postmortem.command.countermeasures;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureBecameOverdue;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;

/**
 * The target dates of open countermeasures, kept in PostgreSQL by a tracking processor so that the overdue watch
 * can find the due ones without loading every post-mortem. Each handler is an idempotent upsert or update: a replay
 * gives the same table. Target dates are accepted from 1970 to 2199 today, but events stored before that was checked
 * may carry any date Java can hold, and PostgreSQL holds neither year 5874898 nor 4714 BC: such a date is kept
 * clamped to what it can hold ({@link #storable}), which keeps the same order for the watch. Without the clamp, one such
 * event stopped this processor for good (it retries a failing event for ever).
 */
@ProcessingGroup(CountermeasureDeadlines.PROCESSING_GROUP)
public class CountermeasureDeadlines {

    public static final String PROCESSING_GROUP = "overdue-watch";

    private final JdbcClient jdbc;

    CountermeasureDeadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CountermeasureAssigned event) {
        jdbc.sql("""
                INSERT INTO countermeasure_deadline (post_mortem_id, countermeasure_id, target_date, open)
                VALUES (:postMortemId, :countermeasureId, :targetDate, TRUE)
                ON CONFLICT (post_mortem_id, countermeasure_id) DO UPDATE SET target_date = EXCLUDED.target_date
                """)
            .param("postMortemId", event.postMortemId())
            .param("countermeasureId", event.countermeasureId())
            .param("targetDate", storable(event.targetDate()))
            .update();
    }

    /** The first and last day that every store here holds; a date beyond is stored as the nearer of the two. */
    static final LocalDate FIRST_STORABLE = LocalDate.of(1, 1, 1);
    static final LocalDate LAST_STORABLE = LocalDate.of(9999, 12, 31);

    static LocalDate storable(LocalDate date) {
        if (date == null) {
            return null;
        }
        return date.isBefore(FIRST_STORABLE) ? FIRST_STORABLE : date.isAfter(LAST_STORABLE) ? LAST_STORABLE : date;
    }

    @EventHandler
    void on(CountermeasureCompleted event) {
        close(event.postMortemId(), event.countermeasureId());
    }

    @EventHandler
    void on(CountermeasureDeclined event) {
        close(event.postMortemId(), event.countermeasureId());
    }

    @EventHandler
    void on(CountermeasureBecameOverdue event) {
        markAnnounced(event.postMortemId(), event.countermeasureId(), event.targetDate());
    }

    /** Open countermeasures whose target date is before {@code today} and that were not announced for it yet. */
    List<Deadline> due(LocalDate today, int limit) {
        return jdbc.sql("""
                SELECT post_mortem_id, countermeasure_id, target_date FROM countermeasure_deadline
                WHERE open AND target_date < :today AND (announced_for IS NULL OR announced_for <> target_date)
                ORDER BY target_date, post_mortem_id, countermeasure_id LIMIT :limit
                """)
                   .param("today", today)
                   .param("limit", limit)
                   .query((row, n) -> new Deadline(row.getString(1), row.getString(2), row.getObject(3, LocalDate.class)))
                   .list();
    }

    /** Recorded once handled, announced or not, so that the watch does not ask again for the same target date. */
    void markAnnounced(String postMortemId, String countermeasureId, LocalDate targetDate) {
        LocalDate stored = storable(targetDate);
        jdbc.sql("""
                UPDATE countermeasure_deadline SET announced_for = :targetDate
                WHERE post_mortem_id = :postMortemId AND countermeasure_id = :countermeasureId AND target_date = :targetDate
                """)
            .param("postMortemId", postMortemId)
            .param("countermeasureId", countermeasureId)
            .param("targetDate", stored)
            .update();
    }

    private void close(String postMortemId, String countermeasureId) {
        jdbc.sql("UPDATE countermeasure_deadline SET open = FALSE WHERE post_mortem_id = :postMortemId AND countermeasure_id = :countermeasureId")
            .param("postMortemId", postMortemId)
            .param("countermeasureId", countermeasureId)
            .update();
    }

    /** One countermeasure's target date. */
    record Deadline(String postMortemId, String countermeasureId, LocalDate targetDate) {
    }
}
