package dev.postmortem.command.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The aggregate version as an HTTP entity tag: version 7 is {@code "7"}. */
final class ETags {

    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header demands, or {@code null} when there is none (or {@code *}: any
     * version). Versions are compared strongly, as RFC 9110 requires for If-Match.
     */
    static Long parseIfMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        Matcher matcher = STRONG_VERSION_TAG.matcher(header.strip());
        if (!matcher.matches()) {
            throw new BadRequestException("If-Match",
                    "must be one entity tag as returned in ETag by the last read or write, e.g. \"3\" (quotes included)");
        }
        return Long.parseLong(matcher.group(1));
    }
}
