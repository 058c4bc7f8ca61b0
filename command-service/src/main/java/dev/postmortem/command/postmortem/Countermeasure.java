package dev.postmortem.command.postmortem;

import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureStatus;
import dev.postmortem.api.value.CountermeasureType;

import java.time.LocalDate;

/** What the aggregate remembers of a countermeasure to enforce its lifecycle. */
record Countermeasure(String title, String description, CountermeasurePriority priority, CountermeasureType type,
                      CountermeasureStatus status, String owner, LocalDate targetDate) {

    static Countermeasure proposed(String title, String description, CountermeasurePriority priority, CountermeasureType type) {
        return new Countermeasure(title, description, priority, type, CountermeasureStatus.PROPOSED, null, null);
    }

    Countermeasure revised(String title, String description, CountermeasurePriority priority, CountermeasureType type) {
        return new Countermeasure(title, description, priority, type, status, owner, targetDate);
    }

    Countermeasure assigned(String owner, LocalDate targetDate) {
        CountermeasureStatus next = status == CountermeasureStatus.PROPOSED ? CountermeasureStatus.ASSIGNED : status;
        return new Countermeasure(title, description, priority, type, next, owner, targetDate);
    }

    Countermeasure withStatus(CountermeasureStatus next) {
        return new Countermeasure(title, description, priority, type, next, owner, targetDate);
    }

    boolean hasOwnerAndTargetDate() {
        return owner != null && targetDate != null;
    }
}
