package dev.postmortem.kit.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.BlamelessLanguage.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlamelessLanguageTest {

    final BlamelessLanguage language = new BlamelessLanguage(Rules.defaults());

    private List<String> found(String text) {
        return language.check("summary", text).stream().map(f -> f.rule() + ":" + f.text()).toList();
    }

    // ---- counterfactuals ----------------------------------------------------------------------------------

    @Test
    void findsCounterfactualsWithTheirExactSpan() {
        String text = "The on-call engineer should have rolled back.";
        List<Finding> findings = language.check("summary", text);
        assertThat(findings).containsExactly(new Finding("summary", "counterfactual", 21, 32, "should have",
                BlamelessLanguage.COUNTERFACTUAL_SUGGESTION));
        assertThat(text.substring(21, 32)).isEqualTo("should have");
    }

    @ParameterizedTest
    @ValueSource(strings = {"We would have noticed", "Could have been avoided", "SHOULD HAVE paged", "It would've worked",
            "Someone could’ve checked", "might  have\nhelped", "they ought to have known", "If only the alert fired",
            "the fix was simple and we should've"})
    void counterfactualPhrasesInAnyCaseSpacingOrApostrophe(String text) {
        assertThat(found(text)).hasSize(1).allMatch(f -> f.startsWith("counterfactual:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"His shoulder hurt after the night shift", "Should we have a retry budget?", "We have retries",
            "The cache wouldn't have expired", "Timeouts were 30 s; the pool had 10 connections", "could not connect",
            "the shoulder-season traffic peak", "if onlyness is a word"})
    void noCounterfactualWhereThereIsNone(String text) {
        assertThat(found(text)).isEmpty();
    }

    // ---- blame -----------------------------------------------------------------------------------------------

    @Test
    void findsBlameIncludingAnyonesFault() {
        assertThat(found("It was Bob's fault and a human error.")).containsExactly("blame:Bob's fault", "blame:human error");
        assertThat(found("the intern’s fault")).containsExactly("blame:intern’s fault");
        assertThat(found("a careless change by a negligent team")).containsExactly("blame:careless", "blame:negligent");
        assertThat(found("The DBA was at fault")).containsExactly("blame:at fault");
        List<Finding> findings = language.check("timeline[e1].description", "Blame lies with ops");
        assertThat(findings).extracting(Finding::field, Finding::rule, Finding::start, Finding::end)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("timeline[e1].description", "blame", 0, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"We ran a blameless review", "She carefully checked the config", "a faultless failover",
            "the fault domain was one rack", "Blameworthy is not a word we use", "lazy-loading of the module",
            "the team’s runbook", "a blame-free culture", "no-blame review", "the fault of the disk"})
    void noBlameWhereThereIsNone(String text) {
        assertThat(found(text)).as(text).isEmpty();
    }

    // ---- pasted logs and stack traces --------------------------------------------------------------------------

    @Test
    void findsAJavaStackTraceAsOneBlock() {
        String text = "Checkout failed.\njava.lang.IllegalStateException: pool exhausted\n"
                + "    at com.acme.pay.Pool.borrow(Pool.java:42)\n    at com.acme.pay.Charge.run(Charge.java:7)\n    ... 12 more\n"
                + "See the dashboard.";
        List<Finding> findings = language.checkAdditionalInfo("additionalInfo", text);
        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.rule()).isEqualTo("pasted-log");
        assertThat(finding.text()).startsWith("java.lang.IllegalStateException").endsWith("... 12 more");
        assertThat(text.substring(finding.start(), finding.end())).isEqualTo(finding.text());
    }

    @Test
    void findsCausedByAndThreadLinesOfARealTrace() {
        assertThat(language.checkAdditionalInfo("additionalInfo",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom\nCaused by: java.io.IOException: reset"))
                .extracting(Finding::rule).containsExactly("pasted-log");
    }

    @Test
    void findsPythonTracebacksAndRunsOfLogLines() {
        assertThat(language.checkAdditionalInfo("additionalInfo",
                "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\nKeyError: 'x'"))
                .extracting(Finding::rule).containsExactly("pasted-log");
        String logs = "Before:\n2026-03-01T10:00:01Z ERROR payment timed out\n2026-03-01 10:00:02,123 WARN retrying\nAfter.";
        List<Finding> findings = language.checkAdditionalInfo("additionalInfo", logs);
        assertThat(findings).extracting(Finding::text)
                            .containsExactly("2026-03-01T10:00:01Z ERROR payment timed out\n2026-03-01 10:00:02,123 WARN retrying");
    }

    @Test
    void oneQuotedLogLineOrTimestampsInProseAreFine() {
        assertThat(language.checkAdditionalInfo("additionalInfo", "The alert said:\n2026-03-01T10:00:01Z ERROR payment timed out\n"
                + "and we looked at the graphs.")).isEmpty();
        assertThat(language.checkAdditionalInfo("additionalInfo", "At 2026-03-01T10:00:01Z the error rate rose; at "
                + "2026-03-01T10:05:00Z we rolled back.")).isEmpty();
        assertThat(language.checkAdditionalInfo("additionalInfo", "Screenshot: https://wiki/img/1.png")).isEmpty();
        assertThat(language.checkAdditionalInfo("additionalInfo", "Caused by: a configuration change in the load balancer.\n"
                + "Exception in thread pools was not the issue.")).as("prose that starts like a trace").isEmpty();
    }

    @Test
    void logsAreOnlyLookedForWhereAsked() {
        String trace = "java.lang.NullPointerException\n    at com.acme.A.b(A.java:1)";
        assertThat(language.check("summary", trace)).isEmpty();
        assertThat(new BlamelessLanguage(new Rules(List.of(), List.of(), false)).checkAdditionalInfo("additionalInfo", trace)).isEmpty();
    }

    // ---- configuration ---------------------------------------------------------------------------------------------

    @Test
    void configuredWordListsReplaceTheDefaults() {
        BlamelessLanguage custom = new BlamelessLanguage(new Rules(List.of("in hindsight"), List.of("dropped the ball", " "), true));
        assertThat(custom.check("summary", "In hindsight Ana dropped the ball; we should have paged")).extracting(Finding::text)
                         .containsExactly("In hindsight", "dropped the ball");
        assertThat(new BlamelessLanguage(new Rules(null, null, true)).check("summary", "should have")).isEmpty();
    }

    @Test
    void emptyTextHasNoFindingsAndRepeatedPhrasesAreEachFound() {
        assertThat(language.check("summary", "")).isEmpty();
        assertThat(language.check("summary", null)).isEmpty();
        assertThat(found("could have, could have")).containsExactly("counterfactual:could have", "counterfactual:could have");
    }

    // ---- adversarial text (issue 16, point 5) ------------------------------------------------------------------------

    /**
     * Runs of hyphens made the old lookbehind regex quadratic: 60,000 of them took 11 s (and 263 ms at 12,000, see
     * BENCHMARKS.md). Same findings, one pass, in milliseconds: the timeout is a guard against quadratic work, a
     * hundred times what the check takes here, not a measurement.
     */
    @Test
    @org.junit.jupiter.api.Timeout(5)
    void runsOfHyphensAroundAPhraseFindJustThePhrase() {
        String run = "-".repeat(20_000);
        String text = run + " Bob's fault " + run + " human error " + run;
        assertThat(found(text)).containsExactly("blame:Bob's fault", "blame:human error");
        assertThat(found("the-intern's fault")).containsExactly("blame:the-intern's fault");
        assertThat(found("-" + "a-".repeat(10_000) + "'s fault")).isEmpty();
    }

    @Test
    void aStarMatchesOneOrMoreWordCharactersOrHyphensAndNothingElse() {
        BlamelessLanguage custom = new BlamelessLanguage(new Rules(List.of("*-driven", "*ly wrong"), List.of(), false));
        assertThat(custom.check("summary", "a blame-driven culture").stream().map(Finding::text)).containsExactly("blame-driven");
        assertThat(custom.check("summary", "a -driven culture")).as("the star needs a character").isEmpty();
        assertThat(custom.check("summary", "Totally wrong, really wrong").stream().map(Finding::text))
                .containsExactly("Totally wrong", "really wrong");
        assertThat(custom.check("summary", "ly wrong")).isEmpty();
    }

    @Test
    void wordsWithMarksAndOtherScriptsStayWhole() {
        assertThat(found("Es war fahrlässig, das war careless")).containsExactly("blame:careless");
        assertThat(found("blâme")).isEmpty();
        assertThat(found("不注意 careless 不注意")).containsExactly("blame:careless");
        assertThat(found("careless\u0301")).as("a combining mark belongs to the word").isEmpty();
    }

    /** A line of 20,000 "x.y." made the old stack-trace regex recurse once per segment: StackOverflowError (FuzzIT). */
    @Test
    @org.junit.jupiter.api.Timeout(5)
    void longLogLikeLinesAreReadInOnePass() {
        for (String line : List.of("x.y.".repeat(5_000), "java.".repeat(4_000) + "IllegalStateException", "at " + "a.".repeat(10_000) + "(",
                "Caused by: " + "a$.".repeat(6_000), "2026-03-01T10:00:01Z" + "]".repeat(20_000), "File \"" + "\", line x".repeat(3_000))) {
            String text = "Before.\n" + line + "\n" + line + "\nAfter.";
            assertThat(language.checkAdditionalInfo("additionalInfo", text)).as(line.substring(0, 20)).allMatch(f -> f.rule().equals("pasted-log"));
        }
        String trace = "java.lang.IllegalStateException: " + "x".repeat(20_000) + "\n\tat com.acme.Pay.charge(Pay.java:42)";
        assertThat(language.checkAdditionalInfo("additionalInfo", trace)).extracting(Finding::rule).containsExactly("pasted-log");
        assertThat(language.checkAdditionalInfo("additionalInfo", "java." + "a.".repeat(9_000) + "Error")).hasSize(1);
    }

    @Test
    void theLineShapesOfTracesAndLogs() {
        for (String trace : List.of("at com.acme.A.b(A.java:1)", "  at a.B$1.<init>(B.java) ", "... 12 more", "Exception in thread \"main\" x",
                "Caused by: java.io.IOException: reset", "Caused by: a.b.SomeError", "Traceback (most recent call last):",
                "  File \"app.py\", line 3, in <module>", "java.lang.NullPointerException", "com.acme.PayError: declined")) {
            assertThat(LogLines.stackTrace(trace)).as(trace).isTrue();
        }
        for (String prose : List.of("at noon we rolled back", "at a (b)", "... and 12 more", "Caused by: a configuration change",
                "NullPointerException", "java.lang.NullPointerException thrown", "File \"x\" was big", "Traceback: none", "a..b.Error")) {
            assertThat(LogLines.stackTrace(prose)).as(prose).isFalse();
        }
        assertThat(LogLines.logLine("2026-03-01T10:00:01Z ERROR payment timed out")).isTrue();
        assertThat(LogLines.logLine("[2026-03-01 10:00:02,123] [main] WARN retrying")).isTrue();
        assertThat(LogLines.logLine("2026-03-01T10:00:01Z the error rate rose")).as("a level is upper case").isFalse();
        assertThat(LogLines.logLine("2026-03-01T10:00:01ZERROR")).as("no space after the time").isFalse();
        assertThat(LogLines.logLine("At 2026-03-01T10:00:01Z ERROR")).isFalse();
        assertThat(LogLines.logLine("2026-03-01T10:00:01Z MY_ERROR happened")).isFalse();
    }
}
