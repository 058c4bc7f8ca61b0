package dev.postmortem.command.config;

/** Metadata keys every event carries (besides Axon's correlationId and traceId). */
public final class AuditMetaData {

    /** The authenticated principal who caused the event. Never taken from a request body. */
    public static final String ACTOR = "actor";
    /** Optional reason for the change, as the author gave it. */
    public static final String REASON = "reason";
    /**
     * Ties everything one request caused together: the request's {@code X-Correlation-Id}, or a generated id.
     * Axon copies it onto every event as {@code traceId}; its {@code correlationId} is the causing command's id.
     */
    public static final String TRACE_ID = "traceId";

    private AuditMetaData() {
    }
}
