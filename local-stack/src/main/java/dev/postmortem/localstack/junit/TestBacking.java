package dev.postmortem.localstack.junit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What backs the integration tests: the embedded local stack (the default, and what CI here uses) or real
 * containers started by Testcontainers, which needs a Docker engine. One switch decides for the whole suite: the
 * system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT_VARIABLE}, else
 * {@code embedded}. The value is case-insensitive; anything else fails the tests rather than silently falling back.
 * Maven's Failsafe forwards {@code -Dpostmortem.test.backing=...} (and the environment variable) to the test JVM.
 */
public enum TestBacking {

    EMBEDDED,
    TESTCONTAINERS;

    public static final String PROPERTY = "postmortem.test.backing";
    public static final String ENVIRONMENT_VARIABLE = "POSTMORTEM_TEST_BACKING";

    /** The backing this JVM's system properties and environment ask for. */
    public static TestBacking current() {
        return of(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT_VARIABLE));
    }

    /**
     * The backing for a system property value and an environment variable value, either of which may be absent
     * (null or blank); the system property wins.
     *
     * @throws IllegalArgumentException for a value that names no backing
     */
    public static TestBacking of(String systemProperty, String environmentVariable) {
        if (isGiven(systemProperty)) {
            return parse(systemProperty, "system property " + PROPERTY);
        }
        if (isGiven(environmentVariable)) {
            return parse(environmentVariable, "environment variable " + ENVIRONMENT_VARIABLE);
        }
        return EMBEDDED;
    }

    /** The value as written in the switch ({@code embedded}, {@code testcontainers}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static TestBacking parse(String value, String source) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        for (TestBacking backing : values()) {
            if (backing.value().equals(normalized)) {
                return backing;
            }
        }
        throw new IllegalArgumentException("unknown test backing '" + value + "' in the " + source
                + " (" + PROPERTY + " / " + ENVIRONMENT_VARIABLE + "); allowed values: " + allowedValues()
                + " (case-insensitive, default " + EMBEDDED.value() + ")");
    }

    private static String allowedValues() {
        return Arrays.stream(values()).map(TestBacking::value).collect(Collectors.joining(", "));
    }

    private static boolean isGiven(String value) {
        return value != null && !value.isBlank();
    }
}
