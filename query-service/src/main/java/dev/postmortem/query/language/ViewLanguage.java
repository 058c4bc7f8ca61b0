package dev.postmortem.query.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import dev.postmortem.query.postmortem.PostMortemView;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The blameless-writing findings of a post-mortem as it stands: every free-text field of the view, named by the
 * same paths as the history's changes ({@code summary}, {@code timeline[<id>].description}, {@code fiveWhys[2].answer},
 * {@code countermeasures[<id>].title}). Withdrawn timeline entries are left out: they are no longer part of it.
 */
@Component
public class ViewLanguage {

    private final LanguageCheck language;

    public ViewLanguage(LanguageCheck language) {
        this.language = language;
    }

    public List<Finding> findings(PostMortemView view) {
        List<Finding> findings = new ArrayList<>();
        if (!language.enabled()) {
            return findings;
        }
        text(findings, "title", view.title);
        for (PostMortemView.TimelineEntry entry : view.timeline) {
            if (!entry.withdrawn) {
                String path = "timeline[" + entry.id + "].";
                text(findings, path + "description", entry.description);
                text(findings, path + "effect", entry.effect);
                text(findings, path + "perspective", entry.perspective);
            }
        }
        for (PostMortemView.Why why : view.fiveWhys) {
            text(findings, "fiveWhys[" + why.step + "].question", why.question);
            text(findings, "fiveWhys[" + why.step + "].answer", why.answer);
        }
        text(findings, "rootCause", view.rootCause);
        text(findings, "summary", view.summary);
        text(findings, "remediation", view.remediation);
        findings.addAll(language.checkAdditionalInfo("additionalInfo", view.additionalInfo));
        for (PostMortemView.Countermeasure countermeasure : view.countermeasures) {
            String path = "countermeasures[" + countermeasure.id + "].";
            text(findings, path + "title", countermeasure.title);
            text(findings, path + "description", countermeasure.description);
            text(findings, path + "completionNote", countermeasure.completionNote);
            text(findings, path + "declinedReason", countermeasure.declinedReason);
            for (int i = 0; i < countermeasure.revisits.size(); i++) {
                text(findings, path + "revisits[" + i + "].note", countermeasure.revisits.get(i).note);
            }
        }
        return findings;
    }

    private void text(List<Finding> findings, String field, String value) {
        findings.addAll(language.check(field, value));
    }
}
