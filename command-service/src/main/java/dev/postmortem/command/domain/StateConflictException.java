package dev.postmortem.command.domain;

import java.util.List;

/** A command that is not possible in the post-mortem's current state, e.g. completing an unassigned countermeasure. */
public final class StateConflictException extends PostMortemRuleViolation {

    public StateConflictException(String field, String message) {
        this(message, List.of(new Violation(field, message)));
    }

    public StateConflictException(String message, List<Violation> violations) {
        super(message, violations);
    }
}
