package dev.postmortem.command.countermeasures;

import dev.postmortem.api.command.AnnounceOverdueCountermeasure;
import dev.postmortem.command.domain.CommandMetaData;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Announces overdue countermeasures as events: periodically asks each post-mortem whose countermeasure passed its
 * target date to record {@code CountermeasureBecameOverdue}. The aggregate decides (completed, re-planned or already
 * announced ones stay silent), so the watch may ask twice without harm; events stay the only source of truth.
 */
public class OverdueWatch {

    private static final Logger log = LoggerFactory.getLogger(OverdueWatch.class);
    private static final int BATCH = 500;

    private final CountermeasureDeadlines deadlines;
    private final CommandGateway commands;
    private final Clock clock;
    private final FollowUpProperties properties;

    OverdueWatch(CountermeasureDeadlines deadlines, CommandGateway commands, Clock clock, FollowUpProperties properties) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${postmortem.followup.overdue-check-interval:1m}",
               fixedDelayString = "${postmortem.followup.overdue-check-interval:1m}")
    void scheduledCheck() {
        try {
            announceDue();
        } catch (RuntimeException e) {
            log.warn("overdue check failed, trying again at the next interval: {}", e.toString());
        }
    }

    /** Asks about every countermeasure due as of today (in the configured zone); returns how many it asked about. */
    public int announceDue() {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        int asked = 0;
        while (true) {
            var due = deadlines.due(today, BATCH);
            int failed = 0;
            for (CountermeasureDeadlines.Deadline deadline : due) {
                try {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(new AnnounceOverdueCountermeasure(
                                    deadline.postMortemId(), null, deadline.countermeasureId(), today))
                            .andMetaData(Map.of(CommandMetaData.ACTOR, properties.actor(), CommandMetaData.TRUSTED_SYSTEM, true)), 30, TimeUnit.SECONDS);
                    deadlines.markAnnounced(deadline.postMortemId(), deadline.countermeasureId(), deadline.targetDate());
                    asked++;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("could not announce countermeasure {} of post-mortem {} overdue; retrying next time: {}",
                            deadline.countermeasureId(), deadline.postMortemId(), e.toString());
                }
            }
            if (due.size() < BATCH || failed == due.size()) {
                return asked;
            }
        }
    }
}
