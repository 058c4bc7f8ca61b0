package dev.postmortem.bench.language;

import dev.postmortem.kit.language.BlamelessLanguage;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The phrase matcher the blameless-language check used until issue 16 (commit d798771), kept only as the benchmark's
 * baseline: each phrase a regular expression with whole-word lookarounds, run over the whole text. Its lookbehind
 * succeeds at every position of a run of hyphens, and {@code *}'s class then scans the rest of the run: quadratic.
 */
final class RegexPhrases {

    private final List<Pattern> patterns;

    RegexPhrases(BlamelessLanguage.Rules rules) {
        patterns = Stream.concat(rules.counterfactualPhrases().stream(), rules.blamePhrases().stream())
                                          .map(RegexPhrases::phrasePattern).toList();
    }

    int count(String text) {
        int found = 0;
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                found++;
            }
        }
        return found;
    }

    static Pattern phrasePattern(String phrase) {
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}_'’]|\\p{L}-)");
        String[] words = phrase.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                regex.append("\\s+");
            }
            regex.append(wordPattern(words[i]));
        }
        regex.append("(?![\\p{L}\\p{N}_]|['’-]\\p{L})");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static String wordPattern(String word) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (c == '*' || c == '\'' || c == '’') {
                if (literal.length() > 0) {
                    pattern.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                pattern.append(c == '*' ? "[\\p{L}\\p{N}_-]+" : "['’]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            pattern.append(Pattern.quote(literal.toString()));
        }
        return pattern.toString();
    }
}
