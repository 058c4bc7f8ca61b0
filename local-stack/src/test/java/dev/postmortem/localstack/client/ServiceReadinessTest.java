package dev.postmortem.localstack.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Waiting for a child service's readiness, against a real HTTP server and real processes. */
class ServiceReadinessTest {

    @TempDir
    Path directory;

    private HttpServer server;
    private Process process;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** A process that stays alive until the test ends. */
    private static Process longLived() throws IOException {
        return new ProcessBuilder("sleep", "120").start();
    }

    /** Answers 503 this many times, then 200. */
    private String readyAfter(int refusals, AtomicInteger calls) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            int status = calls.incrementAndGet() <= refusals ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void returnsOnceReadinessAnswers200() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String baseUrl = readyAfter(3, calls);
        process = longLived();
        ServiceReadiness.await("service", process, baseUrl, directory.resolve("service.log"), Duration.ofSeconds(30));
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void givesUpAfterTheTimeoutNamingTheLog() throws IOException {
        String baseUrl = readyAfter(Integer.MAX_VALUE, new AtomicInteger());
        process = longLived();
        Path log = directory.resolve("slow.log");
        assertThatThrownBy(() -> ServiceReadiness.await("slow-service", process, baseUrl, log, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slow-service was not ready within 1 s")
                .hasMessageContaining(log.toString());
    }

    @Test
    void stopsAtOnceWhenTheProcessExitsAndShowsWhatItPrinted() throws Exception {
        Path log = directory.resolve("crashed.log");
        Files.writeString(log, "APPLICATION FAILED TO START\nPort 8081 was already in use.\n");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
        process.waitFor();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ServiceReadiness.await("crashed-service", process, "http://127.0.0.1:9", log, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crashed-service exited with 0 before it was ready")
                .hasMessageContaining("Port 8081 was already in use.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
