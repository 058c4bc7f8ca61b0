package dev.postmortem.command.domain;

import java.util.List;

/** Someone who is not among a post-mortem's reviewers (nor in a group among them) tried to give a reviewer's verdict. */
public final class NotAReviewerException extends PostMortemRuleViolation {

    public NotAReviewerException(String message) {
        super(message, List.of(new Violation("reviewer", message)));
    }
}
