package dev.postmortem.command.domain;

import org.apache.commons.lang3.builder.EqualsBuilder;
import org.apache.commons.lang3.builder.HashCodeBuilder;

/**
 * A member the post-mortem keeps many of, by id (timeline entries, stakeholders, countermeasures). Equal by state, as
 * the events made it: Axon's test fixture compares the aggregate it rebuilt from the events with the one that handled
 * the command, and reaches the members through the maps that hold them. None is ever a key of a map or a set.
 */
public abstract class ListedPart {

    @Override
    public final boolean equals(Object o) {
        return EqualsBuilder.reflectionEquals(this, o);
    }

    @Override
    public final int hashCode() {
        return HashCodeBuilder.reflectionHashCode(this);
    }
}
