package dev.postmortem.command.postmortem;

import dev.postmortem.api.command.ReplaceAffectedServices;
import dev.postmortem.api.command.ReplaceOwningTeams;
import dev.postmortem.api.command.ReplaceTags;
import dev.postmortem.api.event.AffectedServiceAdded;
import dev.postmortem.api.event.AffectedServiceRemoved;
import dev.postmortem.api.event.OwningTeamAdded;
import dev.postmortem.api.event.OwningTeamRemoved;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.event.TagRemoved;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.PostMortemPart;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What the organisation finds the post-mortem by — its tags, the services affected, the teams that own it — a member
 * of the post-mortem. Each list is replaced as a whole; the events say what was added and what removed.
 */
class Classification extends PostMortemPart {

    static final int MAX_LABEL_LENGTH = 100;

    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> affectedServices = new LinkedHashSet<>();
    private final Set<String> owningTeams = new LinkedHashSet<>();

    @CommandHandler
    public long handle(ReplaceTags command) {
        replace(tags, Labels.normaliseTags(command.tags()), "tags", TagAdded::new, TagRemoved::new);
        return version();
    }

    @CommandHandler
    public long handle(ReplaceAffectedServices command) {
        replace(affectedServices, Labels.normaliseNames(command.services()), "services",
                AffectedServiceAdded::new, AffectedServiceRemoved::new);
        return version();
    }

    @CommandHandler
    public long handle(ReplaceOwningTeams command) {
        replace(owningTeams, Labels.normaliseNames(command.teams()), "teams", OwningTeamAdded::new, OwningTeamRemoved::new);
        return version();
    }

    private void replace(Set<String> current, Set<String> wanted, String field,
                         BiFunction<String, String, Object> added, BiFunction<String, String, Object> removed) {
        wanted.stream().filter(label -> label.length() > MAX_LABEL_LENGTH).findFirst().ifPresent(label -> {
            throw new InvalidValueException(field, "'" + label + "' is longer than " + MAX_LABEL_LENGTH + " characters");
        });
        current.stream().filter(label -> !wanted.contains(label)).toList()
               .forEach(label -> apply(removed.apply(postMortemId, label)));
        wanted.stream().filter(label -> !current.contains(label)).toList()
              .forEach(label -> apply(added.apply(postMortemId, label)));
    }

    /** The UTF-8 size of its labels, with what each adds besides (see {@link Bounds}). */
    long textBytes() {
        return Bounds.bytes(tags) + Bounds.bytes(affectedServices) + Bounds.bytes(owningTeams);
    }

    @EventSourcingHandler
    void on(TagAdded event) {
        tags.add(event.tag());
    }

    @EventSourcingHandler
    void on(TagRemoved event) {
        tags.remove(event.tag());
    }

    @EventSourcingHandler
    void on(AffectedServiceAdded event) {
        affectedServices.add(event.service());
    }

    @EventSourcingHandler
    void on(AffectedServiceRemoved event) {
        affectedServices.remove(event.service());
    }

    @EventSourcingHandler
    void on(OwningTeamAdded event) {
        owningTeams.add(event.team());
    }

    @EventSourcingHandler
    void on(OwningTeamRemoved event) {
        owningTeams.remove(event.team());
    }
}
