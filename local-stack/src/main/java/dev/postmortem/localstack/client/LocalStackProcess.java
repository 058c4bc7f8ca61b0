package dev.postmortem.localstack.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Launches the local stack in a JVM of its own, so that the server libraries (PostgreSQL binaries, later the
 * Kafka broker and Elasticsearch) never share a classpath with the service under test. The child stops when
 * {@link #close()} is called or when this JVM exits (its standard input closes).
 */
public final class LocalStackProcess implements AutoCloseable {

    static final String CLASSPATH_RESOURCE = "META-INF/postmortem/local-stack.classpath";
    private static final String MAIN_CLASS = "dev.postmortem.localstack.LocalStack";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Properties addresses;
    private final Path log;

    private LocalStackProcess(Process process, Properties addresses, Path log) {
        this.process = process;
        this.addresses = addresses;
        this.log = log;
    }

    /**
     * Starts the stack and waits until every server is ready.
     *
     * @param dataDirectory where the servers keep their data; reuse it to restart on the same data
     * @param without       servers not to start (given elsewhere), by name
     */
    /** Every server the local stack can start, by name. */
    public static final List<String> SERVERS = List.of("postgres", "kafka", "mongo", "elasticsearch");

    /** Starts only the named servers (e.g. a broker alone, to stop and restart it under a running system). */
    public static LocalStackProcess startOnly(Path dataDirectory, Collection<String> servers) {
        return startOnly(dataDirectory, servers, Map.of());
    }

    public static LocalStackProcess startOnly(Path dataDirectory, Collection<String> servers, Map<String, Integer> ports) {
        return start(dataDirectory, SERVERS.stream().filter(server -> !servers.contains(server)).toList(), ports);
    }

    public static LocalStackProcess start(Path dataDirectory, Collection<String> without) {
        return start(dataDirectory, without, Map.of());
    }

    /**
     * Starts the stack with some servers on fixed ports (server name → port), e.g. to restart a broker where its
     * clients expect it; the others get free ports.
     */
    public static LocalStackProcess start(Path dataDirectory, Collection<String> without, Map<String, Integer> ports) {
        try {
            Files.createDirectories(dataDirectory);
            Path readyFile = dataDirectory.resolve("ready.properties");
            Files.deleteIfExists(readyFile);
            Path log = dataDirectory.resolve("local-stack.log");
            List<String> command = new ArrayList<>(List.of(
                    javaExecutable(), "-Xmx1g", "-cp", classpath(), MAIN_CLASS,
                    "--data-dir", dataDirectory.toAbsolutePath().toString(),
                    "--ready-file", readyFile.toAbsolutePath().toString(),
                    "--exit-with-parent"));
            for (String server : SERVERS) {
                command.add("--" + server + "-port");
                command.add(String.valueOf(ports.getOrDefault(server, 0)));
            }
            if (!without.isEmpty()) {
                command.add("--without");
                command.add(String.join(",", without));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new LocalStackProcess(process, awaitReady(process, readyFile, log), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local stack", e);
        }
    }

    private static Properties awaitReady(Process process, Path readyFile, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local stack exited with " + process.exitValue()
                        + " before it was ready; its log:\n" + tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("the local stack was not ready after " + START_TIMEOUT + "; its log:\n" + tail(log));
            }
            sleep(100);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(readyFile)) {
            properties.load(reader);
        }
        return properties;
    }

    public Properties addresses() {
        Properties copy = new Properties();
        copy.putAll(addresses);
        return copy;
    }

    public Path log() {
        return log;
    }

    /** Stops the servers cleanly (SIGTERM: PostgreSQL shuts down with a checkpoint) and waits for the process. */
    @Override
    public void close() {
        stop(process);
    }

    /** Stops a child process: SIGTERM, up to a minute for a clean shutdown, then SIGKILL. */
    public static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The launcher's own code location plus the server dependencies recorded at build time. */
    static String classpath() throws IOException {
        String own;
        try {
            own = Path.of(LocalStackProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = LocalStackProcess.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the local-stack module with Maven first");
            }
            return own + java.io.File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the local stack", e);
        }
    }
}
