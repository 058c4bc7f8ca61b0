package dev.postmortem.command.domain;

import java.util.List;

/** A well-formed value the post-mortem cannot accept, e.g. an end time before the start. */
public final class InvalidValueException extends PostMortemRuleViolation {

    public InvalidValueException(String field, String message) {
        super(message, List.of(new Violation(field, message)));
    }
}
