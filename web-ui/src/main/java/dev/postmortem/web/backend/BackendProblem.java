package dev.postmortem.web.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service refused a request with a problem+json document (RFC 9457): its status, type (the last part of the URN),
 * detail, the message for each field it names, and for a stale version the current one.
 */
public final class BackendProblem extends RuntimeException {

    private final int status;
    private final String type;
    private final Map<String, String> fields;
    private final Long currentVersion;

    public BackendProblem(int status, String type, String detail, Map<String, String> fields, Long currentVersion) {
        super(detail);
        this.status = status;
        this.type = type;
        this.fields = new LinkedHashMap<>(fields);
        this.currentVersion = currentVersion;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Field (as the service names it: {@code summary}, {@code at}, {@code tickets[0].url}) → what is wrong with it. */
    public Map<String, String> fields() {
        return fields;
    }

    public Long currentVersion() {
        return currentVersion;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean staleVersion() {
        return status == 412;
    }
}
