package dev.postmortem.bench.language;

/** Text of a given length, of one kind: ordinary post-mortem prose, or one of the shapes that attack a matcher. */
final class Texts {

    private static final String PROSE = "At 10:07 the checkout latency rose after the connection pool was resized. The on-call "
            + "engineer rolled back the config at 10:31; we should have paged the database team earlier, and the runbook "
            + "did not say who owns the pool. It was not anyone's fault: the alert fired on a symptom three hops away. ";

    private Texts() {
    }

    static String of(String kind, int size) {
        String unit = switch (kind) {
            case "prose" -> PROSE;
            case "hyphen-runs" -> "-".repeat(size / 3 - 12) + " Bob's fault ";
            case "one-long-word" -> "a";
            case "apostrophes" -> "'s";
            case "phrase-prefixes" -> "should could would might ought if human at ";
            case "log-lines" -> "2026-03-01T10:00:01Z " + "]".repeat(200) + " at com.acme.Pay(" + "(".repeat(200) + "\n";
            default -> throw new IllegalArgumentException("no text of kind " + kind);
        };
        StringBuilder text = new StringBuilder(size + unit.length());
        while (text.length() < size) {
            text.append(unit);
        }
        text.setLength(size);
        return text.toString();
    }
}
