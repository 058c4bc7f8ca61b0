package dev.postmortem.localstack.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a service started as a child process (a service jar, as {@code ./run.sh} starts it) to be ready: its
 * {@code /actuator/health/readiness} answers 200. Used by the tests that run the services as processes and by the
 * benchmark.
 */
public final class ServiceReadiness {

    private static final Duration POLL = Duration.ofMillis(200);

    private ServiceReadiness() {
    }

    /**
     * @param name    the service, for messages
     * @param process the service's process: if it exits, waiting stops at once
     * @param baseUrl where it listens, e.g. {@code http://127.0.0.1:8081}
     * @param log     the file its output goes to, quoted when it exits and named when it is not ready in time
     * @throws IllegalStateException when the process exits before it is ready, or is not ready within {@code timeout}
     */
    public static void await(String name, Process process, String baseUrl, Path log, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; log " + log + ":\n"
                        + tail(log));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; log: " + log);
    }

    /** The end of a log: what a service printed last before it exited. */
    static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "(no log)";
            return text.length() > 20_000 ? "…" + text.substring(text.length() - 20_000) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
