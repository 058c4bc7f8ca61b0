package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The names events go by outside the service: {@code postmortem.<EventName>.v<revision>}, the CloudEvents
 * {@code type} on the Kafka topic and the name of each event's JSON Schema.
 */
public final class EventTypes {

    public static final String PREFIX = "postmortem.";
    /** The Kafka topic the contract names (docs/event-stream.md): where the write side publishes and the read side reads. */
    public static final String TOPIC = "postmortem.events";

    private static final Map<String, Class<? extends PostMortemEvent>> BY_NAME = Arrays
            .stream(PostMortemEvent.class.getPermittedSubclasses())
            .map(EventTypes::asEventClass)
            .collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    /**
     * Older revisions whose data the current record reads as it is, because the newer revision only added fields
     * (which then read as empty): e.g. {@code PostMortemCreated} v1, from before it could be created restricted.
     * Messages of these revisions stay on the topic for ever, so readers must keep reading them.
     */
    private static final Map<String, Class<? extends PostMortemEvent>> OLDER_READABLE = Map.of(
            PREFIX + "PostMortemCreated.v1", PostMortemCreated.class);

    private EventTypes() {
    }

    /** E.g. {@code postmortem.SeverityRegraded.v1}. */
    public static String typeOf(Class<? extends PostMortemEvent> eventClass) {
        return PREFIX + eventClass.getSimpleName() + ".v" + revisionOf(eventClass);
    }

    public static String revisionOf(Class<?> eventClass) {
        Revision revision = eventClass.getAnnotation(Revision.class);
        if (revision == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @Revision");
        }
        return revision.value();
    }

    /** The event class of a type name, if this version of the contract knows it (or reads it, see OLDER_READABLE). */
    public static Optional<Class<? extends PostMortemEvent>> classOf(String type) {
        Class<? extends PostMortemEvent> current = BY_NAME.get(type);
        return Optional.ofNullable(current != null ? current : OLDER_READABLE.get(type));
    }

    /** Every event class of the current contract. */
    public static Collection<Class<? extends PostMortemEvent>> all() {
        return BY_NAME.values();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends PostMortemEvent> asEventClass(Class<?> type) {
        return (Class<? extends PostMortemEvent>) type;
    }
}
