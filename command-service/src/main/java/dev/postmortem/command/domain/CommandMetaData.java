package dev.postmortem.command.domain;

/**
 * Metadata keys of the commands sent to a post-mortem. {@link #ACTOR}, {@link #REASON} and {@link #TRACE_ID} are
 * copied onto every event the command causes (besides Axon's correlationId and traceId); {@link #GROUPS} and
 * {@link #TRUSTED_SYSTEM} decide access and stay on the command.
 */
public final class CommandMetaData {

    /** The authenticated principal who caused the event. Never taken from a request body. */
    public static final String ACTOR = "actor";
    /** Optional reason for the change, as the author gave it. */
    public static final String REASON = "reason";
    /**
     * Ties everything one request caused together: the request's {@code X-Correlation-Id}, or a generated id.
     * Axon copies it onto every event as {@code traceId}; its {@code correlationId} is the causing command's id.
     */
    public static final String TRACE_ID = "traceId";
    /** The groups of the user sending a command; they decide access to a restricted post-mortem (not copied onto events). */
    public static final String GROUPS = "groups";
    /** Set only by the service's own jobs (the overdue watch), never from a request: neither restricted nor bounded. */
    public static final String TRUSTED_SYSTEM = "trustedSystem";

    private CommandMetaData() {
    }
}
