package dev.postmortem.command.language;

import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.PostMortemCommand;
import dev.postmortem.api.command.ProposeCountermeasure;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.WriteDescription;
import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the free text of a command as it is written, naming each field as the HTTP request did ({@code summary},
 * {@code description}, ...). Only points out: the command is sent regardless, and the findings go back with the answer.
 */
@Component
public class WritingCheck {

    private final LanguageCheck language;

    public WritingCheck(LanguageCheck language) {
        this.language = language;
    }

    public List<Finding> check(PostMortemCommand command) {
        if (!language.enabled()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        if (command instanceof CreatePostMortem c) {
            text(findings, "title", c.title());
        } else if (command instanceof ChangeTitle c) {
            text(findings, "title", c.title());
        } else if (command instanceof AddTimelineEntry c) {
            timeline(findings, c.description(), c.effect(), c.perspective());
        } else if (command instanceof CorrectTimelineEntry c) {
            timeline(findings, c.description(), c.effect(), c.perspective());
        } else if (command instanceof AnswerWhy c) {
            text(findings, "question", c.question());
            text(findings, "answer", c.answer());
        } else if (command instanceof IdentifyRootCause c) {
            text(findings, "rootCause", c.rootCause());
        } else if (command instanceof WriteDescription c) {
            text(findings, "summary", c.summary());
            text(findings, "remediation", c.remediation());
            findings.addAll(language.checkAdditionalInfo("additionalInfo", c.additionalInfo()));
        } else if (command instanceof ProposeCountermeasure c) {
            text(findings, "title", c.title());
            text(findings, "description", c.description());
        } else if (command instanceof ReviseCountermeasure c) {
            text(findings, "title", c.title());
            text(findings, "description", c.description());
        } else if (command instanceof CompleteCountermeasure c) {
            text(findings, "note", c.note());
        } else if (command instanceof DeclineCountermeasure c) {
            text(findings, "reason", c.reason());
        } else if (command instanceof RevisitCountermeasure c) {
            text(findings, "note", c.note());
        }
        return List.copyOf(findings);
    }

    private void timeline(List<Finding> findings, String description, String effect, String perspective) {
        text(findings, "description", description);
        text(findings, "effect", effect);
        text(findings, "perspective", perspective);
    }

    private void text(List<Finding> findings, String field, String value) {
        findings.addAll(language.check(field, value));
    }
}
