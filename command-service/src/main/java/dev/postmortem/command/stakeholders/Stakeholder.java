package dev.postmortem.command.stakeholders;

import dev.postmortem.api.command.ChangeStakeholderRoles;
import dev.postmortem.api.command.RemoveStakeholder;
import dev.postmortem.api.event.StakeholderAdded;
import dev.postmortem.api.event.StakeholderRemoved;
import dev.postmortem.api.event.StakeholderRolesChanged;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.command.domain.Bounds;
import dev.postmortem.command.domain.InvalidValueException;
import dev.postmortem.command.domain.ListedPart;
import dev.postmortem.command.domain.UnknownPartException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.postmortem.command.domain.Checks.version;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person with a stake in the post-mortem and their roles, a member of the aggregate: it changes its roles and
 * removes itself. The post-mortem adds it (the root keeps the cap and one stakeholder per name) and drops it from its
 * list on {@link StakeholderRemoved}.
 */
public class Stakeholder extends ListedPart {

    @EntityId
    private final String stakeholderId;
    private final String postMortemId;
    private final String name;
    private List<StakeholderRole> roles;

    public Stakeholder(StakeholderAdded added) {
        this.stakeholderId = added.stakeholderId();
        this.postMortemId = added.postMortemId();
        this.name = added.name();
        this.roles = List.copyOf(added.roles());
    }

    /** The answer to a command naming a stakeholder the post-mortem does not have. */
    public static UnknownPartException unknown(String stakeholderId) {
        return new UnknownPartException("stakeholderId", "the post-mortem has no stakeholder " + stakeholderId);
    }

    /** Roles in their natural order, so that the same set always makes the same event. */
    public static List<StakeholderRole> roles(Set<StakeholderRole> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException("roles", "a stakeholder needs at least one role");
        }
        return List.copyOf(EnumSet.copyOf(roles));
    }

    @CommandHandler
    public long handle(ChangeStakeholderRoles command) {
        List<StakeholderRole> newRoles = roles(command.roles());
        if (!newRoles.equals(roles)) {
            apply(new StakeholderRolesChanged(postMortemId, stakeholderId, newRoles));
        }
        return version();
    }

    @CommandHandler
    public long handle(RemoveStakeholder command) {
        apply(new StakeholderRemoved(postMortemId, stakeholderId));
        return version();
    }

    public String name() {
        return name;
    }

    /** The UTF-8 size of its name, with what an entry adds besides (see {@link Bounds}); roles are not text. */
    public long textBytes() {
        return Bounds.ENTRY_BYTES + Bounds.bytes(name);
    }

    @EventSourcingHandler
    void on(StakeholderRolesChanged event) {
        roles = List.copyOf(event.roles());
    }
}
