package dev.postmortem.query.admin;

import dev.postmortem.kit.problem.Problems;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dead letter's id: where the parked record is on the event topic, {@code <partition>-<offset>}, e.g. {@code 1-42}. */
record DeadLetterId(int partition, long offset) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

    static DeadLetterId parse(String id) {
        Matcher matcher = FORMAT.matcher(id);
        if (!matcher.matches()) {
            throw Problems.badParameter("id", "'" + id + "' is not a dead letter id: <partition>-<offset> on the event topic, e.g. 1-42");
        }
        return new DeadLetterId(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
