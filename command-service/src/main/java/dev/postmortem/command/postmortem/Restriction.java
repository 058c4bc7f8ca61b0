package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.RestrictPostMortem;
import dev.postmortem.api.command.UnrestrictPostMortem;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.Checks;
import dev.postmortem.command.domain.CommandMetaData;
import dev.postmortem.command.domain.InvalidValueException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Who may see and change the post-mortem, a member of it: everyone when open; when restricted, the people and groups
 * it names, the user who restricted it always among them. The post-mortem's guard asks {@link #admits} of every
 * command.
 */
class Restriction {

    static final int MAX_ENTRIES = 50;
    private static final int MAX_NAME_LENGTH = 200;

    private String postMortemId;
    private List<String> people = List.of();
    private List<String> groups = List.of();

    @CommandHandler
    public long handle(RestrictPostMortem command, @MetaDataValue(CommandMetaData.ACTOR) String actor) {
        List<String> newPeople = names("people", command.people());
        List<String> newGroups = names("groups", command.groups());
        if (newPeople.isEmpty() && newGroups.isEmpty()) {
            throw new InvalidValueException("people", "name at least one person or group to restrict the post-mortem to");
        }
        newPeople = withActor(newPeople, actor);
        if (!(newPeople.equals(people) && newGroups.equals(groups))) {
            apply(new PostMortemRestricted(postMortemId, newPeople, newGroups));
        }
        return version();
    }

    @CommandHandler
    public long handle(UnrestrictPostMortem command) {
        if (!isOpen()) {
            apply(new PostMortemUnrestricted(postMortemId));
        }
        return version();
    }

    boolean isOpen() {
        return people.isEmpty() && groups.isEmpty();
    }

    /** Open, or the actor is one of its people, or one of the actor's groups is one of its groups. */
    boolean admits(Object actor, Object actorGroups) {
        if (isOpen() || actor != null && people.contains(actor.toString())) {
            return true;
        }
        if (actorGroups instanceof Collection<?> memberships) {
            return memberships.stream().map(String::valueOf).anyMatch(groups::contains);
        }
        return false;
    }

    /** The people of a restriction, with the user setting it: nobody restricts a post-mortem away from themselves. */
    static List<String> withActor(List<String> people, String actor) {
        if (actor == null || actor.isBlank() || people.contains(actor)) {
            return people;
        }
        return Stream.concat(people.stream(), Stream.of(actor)).toList();
    }

    static List<String> names(String field, List<String> values) {
        return Checks.names(field, values, MAX_ENTRIES, MAX_NAME_LENGTH);
    }

    /** The UTF-8 size of the names, with what each adds besides (see {@link Bounds}). */
    long textBytes() {
        return Bounds.bytes(people) + Bounds.bytes(groups);
    }

    @EventSourcingHandler
    void on(PostMortemCreated event) {
        postMortemId = event.postMortemId();
        people = event.restrictedToPeople();
        groups = event.restrictedToGroups();
    }

    @EventSourcingHandler
    void on(PostMortemRestricted event) {
        people = List.copyOf(event.people());
        groups = List.copyOf(event.groups());
    }

    @EventSourcingHandler
    void on(PostMortemUnrestricted event) {
        people = List.of();
        groups = List.of();
    }
}
