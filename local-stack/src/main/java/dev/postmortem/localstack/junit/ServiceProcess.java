package dev.postmortem.localstack.junit;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.client.ServiceReadiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A service as a separate process, started from its built jar the way ./run.sh starts it (a module's tests run in
 * its folder, so a sibling's jar is {@code ../<module>/target/<module>.jar}). query-service's tests drive the whole
 * system through command-service without depending on its code, and run query-service itself this way where it must
 * die like a process does (SIGKILL); the web UI's tests run both services this way.
 */
public final class ServiceProcess implements AutoCloseable {

    static final Path COMMAND_SERVICE_JAR = jar("command-service");
    static final Path QUERY_SERVICE_JAR = jar("query-service");

    /** The jar a module of this repository builds, seen from any module's folder. */
    public static Path jar(String module) {
        return Path.of("..", module, "target", module + ".jar");
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** command-service on a free port against these servers; extra arguments are passed to Spring (e.g. a profile). */
    public static ServiceProcess commandService(Properties addresses, Path logDirectory, String... extraArguments) {
        return start("command-service", COMMAND_SERVICE_JAR, addresses, logDirectory, extraArguments);
    }

    /** query-service on a free port against these servers, from the jar this module's build packaged. */
    public static ServiceProcess queryService(Properties addresses, Path logDirectory, String... extraArguments) {
        return start("query-service", QUERY_SERVICE_JAR, addresses, logDirectory, extraArguments);
    }

    /** Any service jar (e.g. the web UI's) on a free port against these servers. */
    public static ServiceProcess start(String name, Path jar, Properties addresses, Path logDirectory, String... extraArguments) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build " + name + " first (./mvnw verify builds all)");
        }
        try {
            int port = freePort();
            // C1 only: the tests restart services often and run them briefly, so a fast start beats peak speed
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Daxoniq.update-checker.disabled=true", "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + port));
            TestUsers.passwordProperties().forEach(property -> command.add("--" + property));
            LocalStackAddresses.springProperties(addresses).forEach((key, value) -> command.add("--" + key + "=" + value));
            command.addAll(List.of(extraArguments));
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + "-" + port + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, process, port, log);
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the process wrote to standard output and error. */
    public Path log() {
        return log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy() {
        try {
            ServiceReadiness.await(name, process, baseUrl(), log, Duration.ofMinutes(2));
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed; the way a crash or the OOM killer ends it. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        LocalStackProcess.stop(process);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
