package dev.postmortem.command.postmortem;

import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureStatus;
import dev.postmortem.api.value.CountermeasureType;

import java.time.LocalDate;

/**
 * What the aggregate remembers of a countermeasure to enforce its lifecycle. {@code overdueAnnouncedFor} is the
 * target date for which it was last announced overdue, so that each target date is announced once; {@code revisits}
 * counts its revisits (they are bounded).
 */
record Countermeasure(String title, String description, CountermeasurePriority priority, CountermeasureType type,
                      CountermeasureStatus status, String owner, LocalDate targetDate, LocalDate overdueAnnouncedFor,
                      int revisits) {

    static Countermeasure proposed(String title, String description, CountermeasurePriority priority, CountermeasureType type) {
        return new Countermeasure(title, description, priority, type, CountermeasureStatus.PROPOSED, null, null, null, 0);
    }

    Countermeasure revised(String title, String description, CountermeasurePriority priority, CountermeasureType type) {
        return new Countermeasure(title, description, priority, type, status, owner, targetDate, overdueAnnouncedFor, revisits);
    }

    Countermeasure assigned(String owner, LocalDate targetDate) {
        CountermeasureStatus next = status == CountermeasureStatus.PROPOSED ? CountermeasureStatus.ASSIGNED : status;
        return new Countermeasure(title, description, priority, type, next, owner, targetDate, overdueAnnouncedFor, revisits);
    }

    Countermeasure withStatus(CountermeasureStatus next) {
        return new Countermeasure(title, description, priority, type, next, owner, targetDate, overdueAnnouncedFor, revisits);
    }

    Countermeasure announcedOverdue(LocalDate forTargetDate) {
        return new Countermeasure(title, description, priority, type, status, owner, targetDate, forTargetDate, revisits);
    }

    Countermeasure revisited() {
        return new Countermeasure(title, description, priority, type, status, owner, targetDate, overdueAnnouncedFor, revisits + 1);
    }

    boolean hasOwnerAndTargetDate() {
        return owner != null && targetDate != null;
    }

    /** Open, with a target date before {@code today}, and not yet announced for that target date. */
    boolean dueForOverdueAnnouncement(LocalDate today) {
        return status.isOpen() && targetDate != null && targetDate.isBefore(today) && !targetDate.equals(overdueAnnouncedFor);
    }
}
