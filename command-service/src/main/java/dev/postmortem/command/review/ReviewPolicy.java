package dev.postmortem.command.review;

import dev.postmortem.command.severity.SeverityScale;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The organisation's review rules, checked once at start-up against its severity scale: the approvals each level
 * needs before publication, and whether changing a post-mortem withdraws the approvals it had. Injected into the
 * aggregate's handlers, so that the rules are configuration, not code.
 */
public final class ReviewPolicy {

    /** The key of {@code required-approvals} for levels not named and for a post-mortem without a severity. */
    public static final String DEFAULT = "default";
    /** More would be a committee, not a review; the bound also catches a typo like 11 for 1. */
    public static final int MAX_REQUIRED_APPROVALS = 10;

    private final Map<String, Integer> byLevel;
    private final int otherwise;
    private final boolean withdrawOnChange;

    /**
     * @throws IllegalArgumentException naming the property at fault: a level the scale does not have, or a count below 0
     *                                  or above {@value #MAX_REQUIRED_APPROVALS}
     */
    public ReviewPolicy(Map<String, Integer> requiredApprovals, boolean withdrawOnChange, SeverityScale scale) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        Integer fallback = 0;
        for (Map.Entry<String, Integer> entry : (requiredApprovals == null ? Map.<String, Integer>of() : requiredApprovals).entrySet()) {
            String key = entry.getKey().strip();
            Integer count = entry.getValue();
            String property = "postmortem.review.required-approvals." + key;
            if (count == null || count < 0 || count > MAX_REQUIRED_APPROVALS) {
                throw new IllegalArgumentException(property + " must be a number from 0 to " + MAX_REQUIRED_APPROVALS + ", not " + count);
            }
            if (key.equalsIgnoreCase(DEFAULT)) {
                fallback = count;
            } else {
                String level = scale.find(key).orElseThrow(() -> new IllegalArgumentException(property
                        + " names no severity level; the levels are " + scale.names() + " (or '" + DEFAULT + "' for any other)"));
                levels.put(level.toUpperCase(Locale.ROOT), count);
            }
        }
        this.byLevel = Map.copyOf(levels);
        this.otherwise = fallback;
        this.withdrawOnChange = withdrawOnChange;
    }

    /** The approvals a post-mortem of this severity (null: none set yet) needs before it is published. */
    public int requiredApprovals(String severity) {
        return severity == null ? otherwise : byLevel.getOrDefault(severity.toUpperCase(Locale.ROOT), otherwise);
    }

    public boolean withdrawOnChange() {
        return withdrawOnChange;
    }
}
