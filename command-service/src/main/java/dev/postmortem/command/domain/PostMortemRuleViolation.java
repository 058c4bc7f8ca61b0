package dev.postmortem.command.domain;

import java.util.List;

/**
 * A command the post-mortem refuses. Each subtype says why, so that the web layer can answer with the right
 * status; {@link #violations()} names the request fields at fault.
 */
public abstract sealed class PostMortemRuleViolation extends RuntimeException
        permits InvalidValueException, UnknownPartException, StateConflictException, NotAReviewerException {

    private final List<Violation> violations;

    protected PostMortemRuleViolation(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One problem with one field of the request. */
    public record Violation(String field, String message) {
    }
}
