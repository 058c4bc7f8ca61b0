package dev.postmortem.query.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import dev.postmortem.query.postmortem.PostMortemView;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The blameless-writing findings of a post-mortem as it stands: every free-text field of the view, named by the
 * same paths as the history's changes ({@code summary}, {@code timeline[<id>].description}, {@code fiveWhys[2].answer},
 * {@code countermeasures[<id>].title}). Withdrawn timeline entries are left out: they are no longer part of it.
 */
@Component
public record ViewLanguage(LanguageCheck language) {

    public List<Finding> findings(PostMortemView view) {
        LanguageCheck.Findings findings = language.findings();
        findings.text("title", view.title);
        for (PostMortemView.TimelineEntry entry : view.timeline) {
            if (!entry.withdrawn) {
                String path = "timeline[" + entry.id + "].";
                findings.text(path + "description", entry.description);
                findings.text(path + "effect", entry.effect);
                findings.text(path + "perspective", entry.perspective);
            }
        }
        for (PostMortemView.Why why : view.fiveWhys) {
            findings.text("fiveWhys[" + why.step + "].question", why.question);
            findings.text("fiveWhys[" + why.step + "].answer", why.answer);
        }
        findings.text("rootCause", view.rootCause);
        findings.text("summary", view.summary);
        findings.text("remediation", view.remediation);
        findings.additionalInfo("additionalInfo", view.additionalInfo);
        for (PostMortemView.Countermeasure countermeasure : view.countermeasures) {
            String path = "countermeasures[" + countermeasure.id + "].";
            findings.text(path + "title", countermeasure.title);
            findings.text(path + "description", countermeasure.description);
            findings.text(path + "completionNote", countermeasure.completionNote);
            findings.text(path + "declinedReason", countermeasure.declinedReason);
            for (int i = 0; i < countermeasure.revisits.size(); i++) {
                findings.text(path + "revisits[" + i + "].note", countermeasure.revisits.get(i).note);
            }
        }
        return findings.list();
    }
}
