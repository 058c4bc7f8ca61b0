package dev.postmortem.command.language;

import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.SetSeverity;
import dev.postmortem.api.command.WriteDescription;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import dev.postmortem.kit.language.LanguageProperties;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class WritingCheckTest {

    static final String TRACE = "java.lang.IllegalStateException: boom\n    at com.acme.A.b(A.java:1)";

    final WritingCheck check = new WritingCheck(new LanguageCheck(new LanguageProperties(true, null, null, true)));

    @Test
    void namesEachFieldAsTheRequestDidAndLooksForLogsOnlyInAdditionalInfo() {
        List<Finding> findings = check.check(new WriteDescription("pm", null, "We should have paged.\n" + TRACE,
                "Human error; add a check", TRACE));
        assertThat(findings).extracting(Finding::field, Finding::rule).containsExactly(
                tuple("summary", "counterfactual"), tuple("remediation", "blame"), tuple("additionalInfo", "pasted-log"));
    }

    @Test
    void timelineEntriesAreCheckedInDescriptionEffectAndPerspective() {
        List<Finding> findings = check.check(new AddTimelineEntry("pm", null, "e1", Instant.parse("2026-01-01T10:00:00Z"),
                TimelineEntryKind.ACTION, "Rolled back", "Errors stopped; could have been sooner", "It was Bob's fault"));
        assertThat(findings).extracting(Finding::field, Finding::text)
                            .containsExactly(tuple("effect", "could have"), tuple("perspective", "Bob's fault"));
    }

    @Test
    void commandsWithoutFreeTextAndADisabledCheckFindNothing() {
        assertThat(check.check(new SetSeverity("pm", null, "SEV1"))).isEmpty();
        WritingCheck off = new WritingCheck(new LanguageCheck(new LanguageProperties(false, null, null, true)));
        assertThat(off.check(new WriteDescription("pm", null, "should have", "", ""))).isEmpty();
    }

    @Test
    void configuredListsReplaceTheDefaults() {
        WritingCheck custom = new WritingCheck(new LanguageCheck(new LanguageProperties(true, List.of("in hindsight"), List.of(), false)));
        assertThat(custom.check(new WriteDescription("pm", null, "In hindsight we should have paged", "", TRACE)))
                .extracting(Finding::text).containsExactly("In hindsight");
    }
}
