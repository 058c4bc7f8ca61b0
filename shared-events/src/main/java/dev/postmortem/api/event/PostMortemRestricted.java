package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The post-mortem (its views, history, countermeasures, search results and per-post-mortem KPIs) is visible only to
 * these people and members of these groups — e.g. a security incident or one involving personal data. Names and
 * group ids only. A later restriction replaces this one.
 */
@Revision("1")
public record PostMortemRestricted(String postMortemId, List<String> people, List<String> groups) implements PostMortemEvent {
}
