package dev.postmortem.api.value;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names of the incident's points in time. The three the practice requires (start, detect, end) and the
 * common additional ones have fixed names; teams may add any other name of the same shape.
 */
public final class IncidentTimes {

    public static final String START = "start";
    public static final String DETECT = "detect";
    public static final String END = "end";
    public static final String FIRST_USER_IMPACT = "first-user-impact";
    public static final String FIRST_USER_REPORT = "first-user-report";
    public static final String HOTFIX = "hotfix";

    /** The well-known names, in the order a report lists them. */
    public static final List<String> WELL_KNOWN = List.of(START, DETECT, END, FIRST_USER_IMPACT, FIRST_USER_REPORT, HOTFIX);

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    public static final int MAX_NAME_LENGTH = 64;

    private IncidentTimes() {
    }

    /** Trims and lower-cases a time name; spaces and underscores become dashes ("First user impact" → "first-user-impact"). */
    public static String normalise(String name) {
        if (name == null) {
            return null;
        }
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
    }

    /** Whether an already normalised name has the accepted shape: lower-case words joined by single dashes. */
    public static boolean isValidName(String normalisedName) {
        return normalisedName != null
                && normalisedName.length() <= MAX_NAME_LENGTH
                && NAME.matcher(normalisedName).matches();
    }
}
