package dev.postmortem.command.domain;

import java.util.List;

/** A command names a timeline entry, stakeholder, countermeasure or why step the post-mortem does not have. */
public final class UnknownPartException extends PostMortemRuleViolation {

    public UnknownPartException(String field, String message) {
        super(message, List.of(new Violation(field, message)));
    }
}
