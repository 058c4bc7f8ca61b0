package dev.postmortem.query.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import dev.postmortem.kit.language.LanguageProperties;
import dev.postmortem.query.postmortem.PostMortemView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ViewLanguageTest {

    final ViewLanguage language = new ViewLanguage(new LanguageCheck(new LanguageProperties(true, null, null, true)));

    @Test
    void everyFreeTextFieldIsCheckedUnderItsHistoryPath() {
        PostMortemView view = new PostMortemView();
        view.title = "Checkout down: human error";
        view.timeline.add(entry("e1", "Deploy went out", "Errors rose", "We should have waited", false));
        view.timeline.add(entry("e2", "It was Bob's fault", "", "", true));
        PostMortemView.Why why = new PostMortemView.Why();
        why.step = 2;
        why.question = "Why was it not caught?";
        why.answer = "The reviewer was careless";
        view.fiveWhys.add(why);
        view.summary = "A config change could have been tested";
        view.additionalInfo = "Graph attached.\njava.lang.IllegalStateException: x\n    at a.B.c(B.java:1)";
        PostMortemView.Countermeasure countermeasure = new PostMortemView.Countermeasure();
        countermeasure.id = "c1";
        countermeasure.title = "Stop negligent deploys";
        PostMortemView.Revisit revisit = new PostMortemView.Revisit();
        revisit.note = "Would have recurred without it";
        countermeasure.revisits.add(revisit);
        view.countermeasures.add(countermeasure);

        List<Finding> findings = language.findings(view);
        assertThat(findings).extracting(Finding::field, Finding::rule).containsExactly(
                tuple("title", "blame"),
                tuple("timeline[e1].perspective", "counterfactual"),
                tuple("fiveWhys[2].answer", "blame"),
                tuple("summary", "counterfactual"),
                tuple("additionalInfo", "pasted-log"),
                tuple("countermeasures[c1].title", "blame"),
                tuple("countermeasures[c1].revisits[0].note", "counterfactual"));
    }

    @Test
    void aCleanPostMortemHasNoFindings() {
        PostMortemView view = new PostMortemView();
        view.title = "Checkout down for 40 minutes";
        view.summary = "A configuration change disabled the payment retries; the alert fired after 12 minutes.";
        assertThat(language.findings(view)).isEmpty();
    }

    private static PostMortemView.TimelineEntry entry(String id, String description, String effect, String perspective, boolean withdrawn) {
        PostMortemView.TimelineEntry entry = new PostMortemView.TimelineEntry();
        entry.id = id;
        entry.description = description;
        entry.effect = effect;
        entry.perspective = perspective;
        entry.withdrawn = withdrawn;
        return entry;
    }
}
