package dev.postmortem.kit.language;

import java.util.Set;

/**
 * What a line of pasted logs looks like: a stack-trace line (a Java frame, "... 12 more", "Caused by:", an exception's
 * name, a Python traceback and frame) or a timestamped log line with a level. Each test reads the line once, left to
 * right: no regular expression, which on a line of 20,000 "x.y." recursed once per segment (a StackOverflowError found
 * by the fuzz campaign) and may backtrack.
 */
final class LogLines {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "SEVERE");
    private static final String[] THROWABLE = {"Exception", "Error", "Throwable"};
    private static final String[] EXCEPTION_OR_ERROR = {"Exception", "Error"};

    private LogLines() {
    }

    /** A line of a Java or Python stack trace. */
    static boolean stackTrace(String line) {
        int start = skipSpace(line, 0);
        String rest = line.substring(start);
        String trimmed = rest.stripTrailing();
        return javaFrame(rest, trimmed) || more(trimmed) || threadException(rest) || causedBy(rest)
                || trimmed.equals("Traceback (most recent call last):") || pythonFrame(rest) || exceptionName(rest);
    }

    /** {@code at com.acme.Pay.charge(Pay.java:42)} */
    private static boolean javaFrame(String rest, String trimmed) {
        if (!wordThenSpace(rest, "at")) {
            return false;
        }
        int frame = skipSpace(rest, 2);
        int end = skip(rest, frame, LogLines::frameChar);
        return end > frame && end < rest.length() && rest.charAt(end) == '(' && trimmed.endsWith(")") && trimmed.length() > end;
    }

    /** {@code ... 12 more} */
    private static boolean more(String trimmed) {
        if (!wordThenSpace(trimmed, "...")) {
            return false;
        }
        int digits = skipSpace(trimmed, 3);
        int end = skip(trimmed, digits, LogLines::asciiDigit);
        if (end == digits || end >= trimmed.length() || !space(trimmed.charAt(end))) {
            return false;
        }
        return trimmed.substring(skipSpace(trimmed, end)).equals("more");
    }

    /** {@code Exception in thread "main" ...} */
    private static boolean threadException(String rest) {
        String prefix = "Exception in thread \"";
        return rest.startsWith(prefix) && rest.indexOf('"', prefix.length()) >= 0;
    }

    /** {@code Caused by: java.io.IOException: reset} */
    private static boolean causedBy(String rest) {
        String prefix = "Caused by: ";
        if (!rest.startsWith(prefix)) {
            return false;
        }
        int end = nameEnd(rest, prefix.length());
        return qualifiedName(rest, prefix.length(), end, THROWABLE, true);
    }

    /** {@code File "app.py", line 3, in <module>} */
    private static boolean pythonFrame(String rest) {
        if (!rest.startsWith("File \"")) {
            return false;
        }
        String marker = "\", line ";
        for (int at = rest.indexOf(marker, 6); at >= 0; at = rest.indexOf(marker, at + 1)) {
            int digit = at + marker.length();
            if (digit < rest.length() && asciiDigit(rest.charAt(digit))) {
                return true;
            }
        }
        return false;
    }

    /** {@code java.lang.IllegalStateException} alone, or followed by {@code : message}. */
    private static boolean exceptionName(String rest) {
        int end = nameEnd(rest, 0);
        return (end == rest.length() || rest.charAt(end) == ':') && qualifiedName(rest, 0, end, EXCEPTION_OR_ERROR, false);
    }

    /**
     * Whether {@code text[from, to)} — letters, digits, {@code _}, {@code $} and dots — is a dotted name of at least two
     * non-empty segments whose last one ends in one of {@code suffixes}; with {@code anySegment}, any segment after the
     * first may be that last one if a non-word character follows it (a name followed by more name, as in
     * {@code java.io.IOException.inner}).
     */
    private static boolean qualifiedName(String text, int from, int to, String[] suffixes, boolean anySegment) {
        int segmentStart = from;
        int segments = 0;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '.') {
                boolean last = i == to;
                if (segments >= 1 && (last || anySegment) && endsWithAny(text, segmentStart, i, suffixes)
                        && (i == text.length() || !asciiWordChar(text.charAt(i)))) {
                    return true;
                }
                if (i == segmentStart) {
                    return false;
                }
                segments++;
                segmentStart = i + 1;
            }
        }
        return false;
    }

    private static boolean endsWithAny(String text, int from, int to, String[] suffixes) {
        for (String suffix : suffixes) {
            if (to - from >= suffix.length() && text.startsWith(suffix, to - suffix.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code 2026-03-01T10:00:01Z ERROR payment timed out}, {@code [2026-03-01 10:00:02,123] WARN ...}: a timestamp, then
     * after the next whitespace a level word somewhere in the line.
     */
    static boolean logLine(String line) {
        int i = skipSpace(line, 0);
        if (i < line.length() && line.charAt(i) == '[') {
            i++;
        }
        String shape = "dddd-dd-dd?dd:dd:dd";
        if (line.length() - i < shape.length()) {
            return false;
        }
        for (int k = 0; k < shape.length(); k++) {
            char c = line.charAt(i + k);
            boolean fits = switch (shape.charAt(k)) {
                case 'd' -> asciiDigit(c);
                case '?' -> c == 'T' || c == ' ';
                default -> c == shape.charAt(k);
            };
            if (!fits) {
                return false;
            }
        }
        i = skip(line, i + shape.length(), c -> !space(c));
        if (i >= line.length()) {
            return false;
        }
        int word = -1;
        for (int k = i + 1; k <= line.length(); k++) {
            boolean inWord = k < line.length() && asciiWordChar(line.charAt(k));
            if (inWord && word < 0) {
                word = k;
            } else if (!inWord && word >= 0) {
                if (LEVELS.contains(line.substring(word, k))) {
                    return true;
                }
                word = -1;
            }
        }
        return false;
    }

    private static int nameEnd(String text, int from) {
        return skip(text, from, c -> asciiWordChar(c) || c == '$' || c == '.');
    }

    private static int skipSpace(String text, int from) {
        return skip(text, from, LogLines::space);
    }

    /** The first index from {@code from} on whose character does not pass {@code test}, or the text's length. */
    private static int skip(String text, int from, CharTest test) {
        int i = from;
        while (i < text.length() && test.test(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether the text starts with {@code word} and whitespace right after it. */
    private static boolean wordThenSpace(String text, String word) {
        return text.startsWith(word) && text.length() > word.length() && space(text.charAt(word.length()));
    }

    private interface CharTest {
        boolean test(char c);
    }

    /** What {@code \s} is in a Java regular expression without flags. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** What {@code \w} is in a Java regular expression without flags. */
    private static boolean asciiWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || asciiDigit(c) || c == '_';
    }

    private static boolean frameChar(char c) {
        return asciiWordChar(c) || c == '$' || c == '.' || c == '<' || c == '>' || c == '/';
    }
}
