package dev.postmortem.localstack.junit;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Starts the local stack once per test JVM and points Spring at it through system properties, which Spring reads
 * when a test's application context starts. Register it before the Spring extension
 * ({@code @ExtendWith(LocalStackExtension.class)} above {@code @SpringBootTest}). A server whose address is
 * given in the environment (e.g. {@code SPRING_DATASOURCE_URL}) is not started and the environment is left to win.
 */
public final class LocalStackExtension implements BeforeAllCallback {

    private static Properties addresses;

    @Override
    public void beforeAll(ExtensionContext context) {
        shared();
    }

    /** The addresses of the shared stack, starting it on first use. */
    public static synchronized Properties shared() {
        if (addresses == null) {
            List<String> without = new ArrayList<>();
            LocalStackAddresses.OVERRIDING_ENVIRONMENT.forEach((server, variable) -> {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    without.add(server);
                }
            });
            Path dataDirectory = newDataDirectory();
            LocalStackProcess stack = LocalStackProcess.start(dataDirectory, without);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                deleteRecursively(dataDirectory);
            }, "local-stack-stop"));
            addresses = stack.addresses();
            Map<String, String> properties = LocalStackAddresses.springProperties(addresses);
            properties.forEach(System::setProperty);
        }
        Properties copy = new Properties();
        copy.putAll(addresses);
        return copy;
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
