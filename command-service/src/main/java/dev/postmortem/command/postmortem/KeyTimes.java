package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.ClearIncidentTime;
import dev.postmortem.api.command.SetIncidentTime;
import dev.postmortem.api.event.IncidentTimeCleared;
import dev.postmortem.api.event.IncidentTimeCorrected;
import dev.postmortem.api.event.IncidentTimeRecorded;
import dev.postmortem.api.value.IncidentTimes;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.PostMortemPart;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The incident's named times (start, detect, end and any others), a member of the post-mortem: none before the start. */
class KeyTimes extends PostMortemPart {

    private final Map<String, Instant> times = new HashMap<>();

    @CommandHandler
    public long handle(SetIncidentTime command) {
        String name = timeName(command.name());
        Instant at = Bounds.instant("at", command.at());
        Instant previous = times.get(name);
        if (at.equals(previous)) {
            return version();
        }
        Map<String, Instant> proposed = new HashMap<>(times);
        proposed.put(name, at);
        checkOrder(proposed);
        apply(previous == null
                ? new IncidentTimeRecorded(postMortemId, name, at)
                : new IncidentTimeCorrected(postMortemId, name, previous, at));
        return version();
    }

    @CommandHandler
    public long handle(ClearIncidentTime command) {
        String name = timeName(command.name());
        Instant previous = times.get(name);
        if (previous != null) {
            apply(new IncidentTimeCleared(postMortemId, name, previous));
        }
        return version();
    }

    private static void checkOrder(Map<String, Instant> proposed) {
        Instant start = proposed.get(IncidentTimes.START);
        if (start == null) {
            return;
        }
        for (String later : List.of(IncidentTimes.DETECT, IncidentTimes.END)) {
            Instant time = proposed.get(later);
            if (time != null && time.isBefore(start)) {
                throw new InvalidValueException("at",
                        "the incident's " + later + " (" + time + ") cannot be before its start (" + start + ")");
            }
        }
    }

    private static String timeName(String raw) {
        String name = IncidentTimes.normalise(raw);
        if (!IncidentTimes.isValidName(name)) {
            throw new InvalidValueException("name", "'" + raw + "' is not a time name: use lower-case words joined by dashes, "
                    + "e.g. one of " + IncidentTimes.WELL_KNOWN);
        }
        return name;
    }

    /** What its names add to the post-mortem's size (see {@link Bounds}); the times themselves are not text. */
    long textBytes() {
        long bytes = 0;
        for (String name : times.keySet()) {
            bytes += Bounds.ENTRY_BYTES + Bounds.bytes(name);
        }
        return bytes;
    }

    @EventSourcingHandler
    void on(IncidentTimeRecorded event) {
        times.put(event.name(), event.at());
    }

    @EventSourcingHandler
    void on(IncidentTimeCorrected event) {
        times.put(event.name(), event.at());
    }

    @EventSourcingHandler
    void on(IncidentTimeCleared event) {
        times.remove(event.name());
    }
}
