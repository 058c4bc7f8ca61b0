package dev.postmortem.web.backend;

/** A service did not answer (down, or slower than {@code postmortem.web-ui.timeout}). */
public final class BackendUnavailable extends RuntimeException {

    private final String service;

    public BackendUnavailable(String service, Throwable cause) {
        super(service + " is not answering: " + cause.getMessage(), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
