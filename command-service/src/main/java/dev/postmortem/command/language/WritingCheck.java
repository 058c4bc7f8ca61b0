package dev.postmortem.command.language;

import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.ApproveReview;
import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.CommentOnReview;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.IdentifyRootCause;
import dev.postmortem.api.command.PostMortemCommand;
import dev.postmortem.api.command.ProposeCountermeasure;
import dev.postmortem.api.command.RequestChanges;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.WriteDescription;
import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Checks the free text of a command as it is written, naming each field as the HTTP request did ({@code summary},
 * {@code description}, ...). Only points out: the command is sent regardless, and the findings go back with the answer.
 */
@Component
public record WritingCheck(LanguageCheck language) {

    /** The findings in the command's free text; none when the check is switched off. */
    public List<Finding> check(PostMortemCommand command) {
        LanguageCheck.Findings findings = language.findings();
        if (command instanceof CreatePostMortem c) {
            findings.text("title", c.title());
        } else if (command instanceof ChangeTitle c) {
            findings.text("title", c.title());
        } else if (command instanceof AddTimelineEntry c) {
            timeline(findings, c.description(), c.effect(), c.perspective());
        } else if (command instanceof CorrectTimelineEntry c) {
            timeline(findings, c.description(), c.effect(), c.perspective());
        } else if (command instanceof AnswerWhy c) {
            findings.text("question", c.question());
            findings.text("answer", c.answer());
        } else if (command instanceof IdentifyRootCause c) {
            findings.text("rootCause", c.rootCause());
        } else if (command instanceof WriteDescription c) {
            findings.text("summary", c.summary());
            findings.text("remediation", c.remediation());
            findings.additionalInfo("additionalInfo", c.additionalInfo());
        } else if (command instanceof ProposeCountermeasure c) {
            findings.text("title", c.title());
            findings.text("description", c.description());
        } else if (command instanceof ReviseCountermeasure c) {
            findings.text("title", c.title());
            findings.text("description", c.description());
        } else if (command instanceof CompleteCountermeasure c) {
            findings.text("note", c.note());
        } else if (command instanceof DeclineCountermeasure c) {
            findings.text("reason", c.reason());
        } else if (command instanceof RevisitCountermeasure c) {
            findings.text("note", c.note());
        } else if (command instanceof CommentOnReview c) {
            findings.text("text", c.text());
        } else if (command instanceof ApproveReview c) {
            findings.text("note", c.note());
        } else if (command instanceof RequestChanges c) {
            findings.text("note", c.note());
        }
        return findings.list();
    }

    private static void timeline(LanguageCheck.Findings findings, String description, String effect, String perspective) {
        findings.text("description", description).text("effect", effect).text("perspective", perspective);
    }
}
