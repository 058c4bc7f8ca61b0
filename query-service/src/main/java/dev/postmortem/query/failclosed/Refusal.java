package dev.postmortem.query.failclosed;

import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;

import java.util.List;
import java.util.Optional;

/**
 * A record of the topic that a projection could not apply to its post-mortem: which post-mortem (the record's key),
 * at which version and which event if the record reads at all, and why.
 *
 * @param version the event's version if the record says; else null
 * @param event   the event if it reads; null for an unreadable record
 */
public record Refusal(String postMortemId, Long version, String eventId, PostMortemEvent event, String reason) {

    private static final int MAX_REASON = 500;

    /** Reads what it can of a refused record: an unreadable one still names its post-mortem (the key) and, often, its version. */
    public static Optional<Refusal> of(String key, byte[] value, CloudEventReader reader, Throwable why) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String reason = reason(why);
        try {
            EventEnvelope envelope = reader.read(value);
            return Optional.of(new Refusal(key, envelope.sequence(), envelope.eventId(), envelope.event(), reason));
        } catch (RuntimeException unreadable) {
            return Optional.of(new Refusal(key, CloudEventReader.sequenceOf(value).orElse(null), null, null, reason));
        }
    }

    /** This refusal, with {@code version} if the record itself did not say which version it is. */
    public Refusal orVersion(long version) {
        return this.version != null ? this : new Refusal(postMortemId, version, eventId, event, reason);
    }

    /** The restriction this event sets, if it is one: people and groups, both empty for lifting it. */
    Optional<List<List<String>>> restriction() {
        if (event instanceof PostMortemRestricted e) {
            return Optional.of(List.of(e.people(), e.groups()));
        }
        if (event instanceof PostMortemUnrestricted) {
            return Optional.of(List.of(List.of(), List.of()));
        }
        if (event instanceof PostMortemCreated e) {
            return Optional.of(List.of(e.restrictedToPeople(), e.restrictedToGroups()));
        }
        return Optional.empty();
    }

    static String reason(Throwable why) {
        Throwable own = why;
        while (own.getCause() != null && own.getCause() != own && own.getClass().getName().startsWith("org.springframework.kafka.")) {
            own = own.getCause();
        }
        String message = own.getClass().getSimpleName() + ": " + own.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
    }
}
