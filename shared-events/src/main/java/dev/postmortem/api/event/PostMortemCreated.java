package dev.postmortem.api.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A post-mortem was opened, in draft. Revision 2: it may be restricted from its first event on to these people and
 * groups (as {@link PostMortemRestricted} would), so that no reader ever sees it open; both lists are empty for an
 * open one. Revision 1 had no lists: it reads as revision 2 with both empty (an upcaster does so for the event
 * store; readers of the topic read v1 data into this record, since revision 2 only adds fields).
 */
@Revision("2")
public record PostMortemCreated(String postMortemId,
                                String title,
                                List<String> restrictedToPeople,
                                List<String> restrictedToGroups) implements PostMortemEvent {

    public PostMortemCreated {
        restrictedToPeople = restrictedToPeople == null ? List.of() : List.copyOf(restrictedToPeople);
        restrictedToGroups = restrictedToGroups == null ? List.of() : List.copyOf(restrictedToGroups);
    }

    /** An open post-mortem. */
    public PostMortemCreated(String postMortemId, String title) {
        this(postMortemId, title, List.of(), List.of());
    }

    public boolean restricted() {
        return !(restrictedToPeople.isEmpty() && restrictedToGroups.isEmpty());
    }
}
