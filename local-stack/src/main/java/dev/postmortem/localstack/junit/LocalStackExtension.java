package dev.postmortem.localstack.junit;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Starts the local stack once per test JVM and points Spring at it through system properties, which Spring reads
 * when a test's application context starts. Register it before the Spring extension
 * ({@code @ExtendWith(LocalStackExtension.class)} above {@code @SpringBootTest}). A server whose address is
 * given in the environment (e.g. {@code SPRING_DATASOURCE_URL}) is not started and the environment is left to win.
 * <p>
 * What backs the stack is one switch, {@link TestBacking} ({@code -Dpostmortem.test.backing} or
 * {@code POSTMORTEM_TEST_BACKING}): {@code embedded} (default) runs the servers in a child JVM
 * ({@link LocalStackProcess}); {@code testcontainers} runs them as real containers ({@link TestcontainersBacking})
 * and, where there is no Docker engine, skips the test class with the reason ({@link TestcontainersBacking#NO_DOCKER}):
 * every test in it is reported skipped, not failed. (The skip is an {@link ExecutionCondition} rather than only an
 * abort in {@code beforeAll}, because Surefire/Failsafe 3.5.x report a class aborted in {@code beforeAll} as
 * "Tests run: 0" with no reason, SUREFIRE-2300; {@link #shared()} still aborts for callers outside the extension.)
 * Either way the same addresses and Spring properties are published, so the tests do not change. Tests that start
 * and stop servers of their own with {@link LocalStackProcess} (e.g. a broker restarted under a running service)
 * keep using the embedded servers for that.
 */
public final class LocalStackExtension implements ExecutionCondition, BeforeAllCallback {

    private static Properties addresses;

    /**
     * Skips a test class (all its tests, each with the reason) when the switch asks for Testcontainers and there is
     * no Docker engine. An unknown switch value is not a reason to skip: it fails in {@link #beforeAll}.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        TestBacking backing;
        try {
            backing = TestBacking.current();
        } catch (IllegalArgumentException e) {
            return ConditionEvaluationResult.enabled("the switch is invalid; beforeAll fails with why");
        }
        if (backing == TestBacking.TESTCONTAINERS && !serversToStart().isEmpty() && !dockerAvailable()) {
            return ConditionEvaluationResult.disabled(TestcontainersBacking.NO_DOCKER);
        }
        return ConditionEvaluationResult.enabled("backing: " + backing.value());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared();
    }

    /**
     * The addresses of the shared stack, starting it on first use.
     *
     * @throws org.opentest4j.TestAbortedException when the switch asks for Testcontainers and there is no Docker
     *                                             engine (the calling test or class is skipped, not failed)
     * @throws IllegalArgumentException            when the switch has a value that names no backing
     */
    public static synchronized Properties shared() {
        if (addresses == null) {
            TestBacking backing = TestBacking.current();
            Properties started = switch (backing) {
                case EMBEDDED -> startEmbedded(overridden());
                case TESTCONTAINERS -> startContainers(serversToStart());
            };
            Map<String, String> properties = LocalStackAddresses.springProperties(started);
            properties.forEach(System::setProperty);
            addresses = started;
        }
        Properties copy = new Properties();
        copy.putAll(addresses);
        return copy;
    }

    /**
     * The threads Spring closes its application contexts in at JVM exit (Spring Boot's hook, and a plain context's).
     * The shared stack stops only after they end: a closing context still talks to the servers (Axon releases its
     * token claims, the Kafka producer flushes), and against stopped servers each close waits out its timeouts,
     * long enough with a dozen cached contexts for Surefire to kill the fork 30 s after {@code System.exit}.
     */
    static final Set<String> SPRING_SHUTDOWN_HOOKS = Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");

    /**
     * Waits until no live thread has one of these names: for such a thread to appear, up to {@code appear} (shutdown
     * hooks start together, in no given order), then for each to end, up to {@code timeout} in all.
     *
     * @return whether every such thread ended in time
     */
    static boolean awaitThreadsNamed(Set<String> names, Duration appear, Duration timeout) {
        long start = System.nanoTime();
        try {
            List<Thread> threads = threadsNamed(names);
            while (threads.isEmpty() && System.nanoTime() - start < appear.toNanos()) {
                Thread.sleep(20);
                threads = threadsNamed(names);
            }
            for (Thread thread : threads) {
                long left = timeout.toMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis();
                if (left <= 0) {
                    return false;
                }
                thread.join(left);
            }
            return threadsNamed(names).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Thread> threadsNamed(Set<String> names) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> names.contains(thread.getName()) && thread.isAlive()).toList();
    }

    private static Properties startEmbedded(List<String> without) {
        Path dataDirectory = newDataDirectory();
        LocalStackProcess stack = LocalStackProcess.start(dataDirectory, without);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitThreadsNamed(SPRING_SHUTDOWN_HOOKS, Duration.ofMillis(500), Duration.ofSeconds(20));
            stack.close();
            deleteRecursively(dataDirectory);
        }, "local-stack-stop"));
        return stack.addresses();
    }

    /** Kept apart so that Testcontainers classes are loaded only when the switch asks for them. */
    private static Properties startContainers(List<String> servers) {
        requireTestcontainers();
        return TestcontainersBacking.start(servers);
    }

    private static boolean dockerAvailable() {
        requireTestcontainers();
        return TestcontainersBacking.dockerAvailable();
    }

    /** local-stack has Testcontainers at compile time only: the module under test must bring it (test scope). */
    private static void requireTestcontainers() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, LocalStackExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(TestBacking.PROPERTY + "=" + TestBacking.TESTCONTAINERS.value()
                    + " needs Testcontainers on the test classpath: add org.testcontainers:testcontainers, postgresql,"
                    + " kafka, mongodb and elasticsearch (test scope) to this module", e);
        }
    }

    /** The servers whose address the environment gives (they are not started). */
    private static List<String> overridden() {
        List<String> without = new ArrayList<>();
        LocalStackAddresses.OVERRIDING_ENVIRONMENT.forEach((server, variable) -> {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                without.add(server);
            }
        });
        return without;
    }

    private static List<String> serversToStart() {
        List<String> without = overridden();
        return LocalStackProcess.SERVERS.stream().filter(server -> !without.contains(server)).toList();
    }

    /** A fresh directory under {@code target/} (the Maven build directory), so that {@code mvn clean} removes leftovers. */
    public static Path newDataDirectory() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Leftovers under target/ go with the next clean build.
        }
    }
}
