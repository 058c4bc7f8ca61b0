package dev.postmortem.kit.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text cut into words in one pass: runs of letters, digits, marks and underscores, joined across an apostrophe
 * ({@code '}, {@code ’}) or a hyphen between two such characters — "Bob's", "would've", "on-call" and "blame-free"
 * are one word each. Each word is kept with its place in the text and a normalised form (lower case, {@code ’} as
 * {@code '}) to compare phrases with.
 */
final class Words {

    private final String text;
    private final List<int[]> spans = new ArrayList<>();
    private final List<String> normalised = new ArrayList<>();

    private Words(String text) {
        this.text = text;
    }

    static Words of(String text) {
        Words words = new Words(text);
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!wordChar(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            i += Character.charCount(c);
            while (i < text.length()) {
                int next = text.codePointAt(i);
                if (wordChar(next)) {
                    i += Character.charCount(next);
                } else if (joiner(next) && i + 1 < text.length() && wordChar(text.codePointAt(i + 1))) {
                    i += 1;
                } else {
                    break;
                }
            }
            words.spans.add(new int[] {start, i});
            words.normalised.add(normalise(text.substring(start, i)));
        }
        return words;
    }

    /** Lower case, typographic apostrophes as {@code '}: how words of phrases and texts are compared. */
    static String normalise(String word) {
        return word.replace('’', '\'').toLowerCase(Locale.ROOT);
    }

    static boolean wordChar(int c) {
        if (c == '_') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }

    private static boolean joiner(int c) {
        return c == '\'' || c == '’' || c == '-';
    }

    /** What {@code *} in a phrase stands for, one character at a time: word characters and hyphens. */
    static boolean starChar(char c) {
        return c == '-' || wordChar(c);
    }

    String text() {
        return text;
    }

    int count() {
        return spans.size();
    }

    int start(int word) {
        return spans.get(word)[0];
    }

    int end(int word) {
        return spans.get(word)[1];
    }

    String normalised(int word) {
        return normalised.get(word);
    }

    /** Whether only whitespace (at least one character of it) separates this word from the one before. */
    boolean onlySpaceBefore(int word) {
        int from = end(word - 1);
        int to = start(word);
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r')) {
                return false;
            }
        }
        return true;
    }
}
