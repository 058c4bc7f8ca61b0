package dev.postmortem.kit.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the language a blameless post-mortem avoids: counterfactuals ("would have", "should have": hindsight
 * dressed as fact), blame ("human error", "Bob's fault", "careless") and, in the additional info, pasted logs and
 * stack traces ("no logs, no stack traces"). It only points out; writing is never refused. Shared by the command
 * side (warnings on write) and the query side (current findings of a post-mortem), so both say the same.
 * <p>
 * Phrases match whole words, case-insensitively, with any whitespace between words; {@code '} also matches the
 * typographic {@code ’}; {@code *} stands for any one word (so {@code *'s fault} finds "the intern's fault").
 * "shoulder", "carefully", "blameless" and "wouldn't" are therefore not findings of "should have", "careless",
 * "blame" or "would have"; nor is a word inside a hyphenated compound ("blame-free").
 * <p>
 * Linear in the text: the text is cut into words once ({@link Words}), and each phrase is compared word by word
 * with the words at each position — no regular expression backtracks over the text (a phrase with {@code *} once made
 * a regex whose lookbehind matched at every position of a run of hyphens: quadratic, 11 s for 60,000 of them). The
 * pasted-log rules read one line at a time, left to right ({@link LogLines}).
 */
public final class BlamelessLanguage {

    public static final String COUNTERFACTUAL = "counterfactual";
    public static final String BLAME = "blame";
    public static final String PASTED_LOG = "pasted-log";

    static final String COUNTERFACTUAL_SUGGESTION = "Counterfactuals judge the past with hindsight. Describe what was done and "
            + "what was known at the time, and why it made sense then.";
    static final String BLAME_SUGGESTION = "Describe the situation, the information at hand and the decision as it made sense "
            + "at the time, and the conditions that allowed the outcome — not a person's failing.";
    static final String PASTED_LOG_SUGGESTION = "Keep logs and stack traces out of the post-mortem: link to them, and quote "
            + "the one line that matters in a timeline entry.";

    private final Phrases counterfactuals;
    private final Phrases blame;
    private final boolean detectPastedLogs;

    public BlamelessLanguage(Rules rules) {
        this.counterfactuals = Phrases.of(rules.counterfactualPhrases());
        this.blame = Phrases.of(rules.blamePhrases());
        this.detectPastedLogs = rules.detectPastedLogs();
    }

    /** The word lists; {@link #defaults()} unless configured. */
    public record Rules(List<String> counterfactualPhrases, List<String> blamePhrases, boolean detectPastedLogs) {

        public Rules {
            counterfactualPhrases = clean(counterfactualPhrases);
            blamePhrases = clean(blamePhrases);
        }

        public static final List<String> DEFAULT_COUNTERFACTUALS = List.of("would have", "could have", "should have",
                "would've", "could've", "should've", "might have", "ought to have", "if only");
        public static final List<String> DEFAULT_BLAME = List.of("human error", "*'s fault", "at fault", "careless",
                "carelessly", "carelessness", "negligent", "negligence", "incompetent", "sloppy", "stupid",
                "blame", "blamed");

        public static Rules defaults() {
            return new Rules(DEFAULT_COUNTERFACTUALS, DEFAULT_BLAME, true);
        }

        private static List<String> clean(List<String> phrases) {
            return phrases == null ? List.of()
                    : phrases.stream().filter(Objects::nonNull).map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
        }
    }

    /** One finding: which field, which rule, where in the text (character offsets, end exclusive), and what to do. */
    public record Finding(String field, String rule, int start, int end, String text, String suggestion) {
    }

    /** Counterfactuals and blame in one free-text field. */
    public List<Finding> check(String field, String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Words words = Words.of(text);
        Set<Finding> findings = new LinkedHashSet<>();
        find(field, words, counterfactuals, COUNTERFACTUAL, COUNTERFACTUAL_SUGGESTION, findings);
        find(field, words, blame, BLAME, BLAME_SUGGESTION, findings);
        return sorted(findings);
    }

    /** As {@link #check}, plus pasted logs and stack traces: for the field the template keeps free of them. */
    public List<Finding> checkAdditionalInfo(String field, String text) {
        List<Finding> findings = new ArrayList<>(check(field, text));
        if (detectPastedLogs && text != null) {
            findings.addAll(pastedLogs(field, text));
        }
        return sorted(findings);
    }

    private static void find(String field, Words words, Phrases phrases, String rule, String suggestion, Set<Finding> into) {
        for (int first = 0; first < words.count(); first++) {
            for (Phrase phrase : phrases.startingWith(words.normalised(first))) {
                int last = phrase.lastWordMatchedFrom(words, first);
                if (last >= 0) {
                    int start = words.start(first);
                    int end = words.end(last);
                    into.add(new Finding(field, rule, start, end, words.text().substring(start, end), suggestion));
                }
            }
        }
    }

    /** A rule's phrases, found by their first word: one look-up per word of the text, plus the phrases opening with {@code *}. */
    record Phrases(Map<String, List<Phrase>> byFirstWord, List<Phrase> openingWithStar) {

        static Phrases of(List<String> phrases) {
            Map<String, List<Phrase>> byFirstWord = new HashMap<>();
            List<Phrase> openingWithStar = new ArrayList<>();
            for (String text : phrases) {
                Phrase phrase = Phrase.of(text);
                String first = phrase.words().get(0);
                if (first.indexOf('*') >= 0) {
                    openingWithStar.add(phrase);
                } else {
                    byFirstWord.computeIfAbsent(first, key -> new ArrayList<>()).add(phrase);
                }
            }
            return new Phrases(byFirstWord, List.copyOf(openingWithStar));
        }

        List<Phrase> startingWith(String word) {
            List<Phrase> literal = byFirstWord.get(word);
            if (literal == null) {
                return openingWithStar;
            }
            if (openingWithStar.isEmpty()) {
                return literal;
            }
            List<Phrase> both = new ArrayList<>(literal);
            both.addAll(openingWithStar);
            return both;
        }
    }

    /**
     * Blocks of consecutive log-like lines: reported when the block holds a stack-trace line, or at least two log
     * lines (one timestamped line quoted in prose is fine).
     */
    private static List<Finding> pastedLogs(String field, String text) {
        List<Finding> findings = new ArrayList<>();
        int blockStart = -1;
        int blockEnd = -1;
        int logLines = 0;
        boolean stackTrace = false;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int newline = text.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? text.length() : newline;
            String line = text.substring(lineStart, lineEnd).replace("\r", "");
            boolean stack = LogLines.stackTrace(line);
            boolean log = LogLines.logLine(line);
            if (stack || log) {
                if (blockStart < 0) {
                    blockStart = lineStart + (line.length() - line.stripLeading().length());
                }
                blockEnd = lineStart + line.stripTrailing().length();
                logLines += log ? 1 : 0;
                stackTrace |= stack;
            } else {
                addBlock(field, text, blockStart, blockEnd, logLines, stackTrace, findings);
                blockStart = -1;
                logLines = 0;
                stackTrace = false;
            }
            if (newline < 0) {
                break;
            }
            lineStart = newline + 1;
        }
        addBlock(field, text, blockStart, blockEnd, logLines, stackTrace, findings);
        return findings;
    }

    private static void addBlock(String field, String text, int start, int end, int logLines, boolean stackTrace, List<Finding> into) {
        if (start >= 0 && (stackTrace || logLines >= 2)) {
            into.add(new Finding(field, PASTED_LOG, start, end, text.substring(start, end), PASTED_LOG_SUGGESTION));
        }
    }

    private static List<Finding> sorted(Collection<Finding> findings) {
        return findings.stream().distinct()
                       .sorted(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end).thenComparing(Finding::rule))
                       .toList();
    }

    /**
     * A configured phrase: its words, each a pattern of letters, apostrophes ({@code '} or {@code ’}) and {@code *}
     * (one or more word characters or hyphens), compared case-insensitively with one word of the text each.
     */
    record Phrase(List<String> words) {

        static Phrase of(String phrase) {
            return new Phrase(Arrays.stream(phrase.strip().split("\\s+")).map(Words::normalise).toList());
        }

        /** The index of the text's word matching this phrase's last word, if the phrase starts at word {@code first}; else -1. */
        int lastWordMatchedFrom(Words text, int first) {
            int last = first + words.size() - 1;
            if (last >= text.count()) {
                return -1;
            }
            for (int i = 0; i < words.size(); i++) {
                if (i > 0 && !text.onlySpaceBefore(first + i)) {
                    return -1;
                }
                if (!matches(words.get(i), text.normalised(first + i))) {
                    return -1;
                }
            }
            return last;
        }

        /**
         * Whether a word of the text matches one word of the phrase, both normalised. Without {@code *} they are equal;
         * with it, each {@code *} stands for one or more word characters or hyphens, decided by dynamic programming over
         * the two: time the product of their lengths, and a phrase word is a few characters.
         */
        static boolean matches(String pattern, String word) {
            int firstStar = pattern.indexOf('*');
            if (firstStar < 0) {
                return pattern.equals(word);
            }
            int lastStar = pattern.lastIndexOf('*');
            if (!word.startsWith(pattern.substring(0, firstStar)) || !word.endsWith(pattern.substring(lastStar + 1))) {
                return false;
            }
            int length = word.length();
            // rest[j]: pattern[i..] matches word[j..], for the pattern position i of the current pass (from the end)
            boolean[] rest = new boolean[length + 1];
            rest[length] = true;
            for (int i = pattern.length() - 1; i >= 0; i--) {
                char c = pattern.charAt(i);
                boolean[] here = new boolean[length + 1];
                for (int j = length - 1; j >= 0; j--) {
                    char w = word.charAt(j);
                    here[j] = c == '*' ? Words.starChar(w) && (rest[j + 1] || here[j + 1]) : c == w && rest[j + 1];
                }
                rest = here;
            }
            return rest[0];
        }
    }
}
