package dev.postmortem.bench;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.client.ServiceReadiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The whole system on embedded defaults, as {@code ./run.sh} runs it: the local stack in a JVM of its own, then
 * command-service and query-service (and, for the page benchmark, the web UI) from their jars with run.sh's JVM
 * options, each its own process (so that heap and RSS are each service's own). Everything stops on {@link #close()}.
 */
final class SystemUnderTest implements AutoCloseable {

    /** Each local user's password for the benchmark's run (its own, as the services require). */
    static String password(String user) {
        return user + "-bench-only-password";
    }
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx256m", "-Daxoniq.update-checker.disabled=true");

    private final LocalStackProcess stack;
    private final Service commandService;
    private final Service queryService;
    private final Service webUi;
    private final String elasticsearch;
    private final String kafka;

    /** A service process: its port, pid and log. */
    record Service(String name, Process process, int port, Path log) {
        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        long pid() {
            return process.pid();
        }
    }

    private SystemUnderTest(LocalStackProcess stack, Service commandService, Service queryService, Service webUi, String elasticsearch,
                            String kafka) {
        this.stack = stack;
        this.elasticsearch = elasticsearch;
        this.kafka = kafka;
        this.commandService = commandService;
        this.queryService = queryService;
        this.webUi = webUi;
        // A driver stopped with Ctrl-C or kill must not leave services behind to skew the next run.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            commandService.process().destroyForcibly();
            queryService.process().destroyForcibly();
            if (webUi != null) {
                webUi.process().destroyForcibly();
            }
        }, "bench-services-stop"));
    }

    /** The Elasticsearch node's HTTP address, for queries sent to it directly. */
    String elasticsearchUrl() {
        return elasticsearch;
    }

    /** The Kafka broker's address, for reading the topic directly. */
    String kafkaBootstrapServers() {
        return kafka;
    }

    static SystemUnderTest start(Path root, Path dataDirectory) {
        return start(root, dataDirectory, false);
    }

    /** With {@code webUi}, the web UI too, and the services trusting its tokens (a fresh key, as ./run.sh makes one). */
    static SystemUnderTest start(Path root, Path dataDirectory, boolean webUi) {
        LocalStackProcess stack = LocalStackProcess.start(dataDirectory.resolve("stack"), List.of());
        List<Service> started = new ArrayList<>();
        try {
            Properties addresses = stack.addresses();
            List<String> key = webUi ? List.of("--postmortem.security.web-token-key-file=" + webTokenKey(dataDirectory)) : List.of();
            Service command = startService(root, "command-service", addresses, dataDirectory, key);
            started.add(command);
            Service query = startService(root, "query-service", addresses, dataDirectory, key);
            started.add(query);
            awaitReady(command);
            awaitReady(query);
            Service web = null;
            if (webUi) {
                List<String> arguments = new ArrayList<>(key);
                arguments.add("--postmortem.web-ui.command-service=" + command.baseUrl());
                arguments.add("--postmortem.web-ui.query-service=" + query.baseUrl());
                web = startService(root, "web-ui", new Properties(), dataDirectory, arguments);
                started.add(web);
                awaitReady(web);
            }
            return new SystemUnderTest(stack, command, query, web,
                    addresses.getProperty(LocalStackAddresses.ELASTICSEARCH_URIS).split(",")[0],
                    addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS));
        } catch (RuntimeException e) {
            started.forEach(service -> LocalStackProcess.stop(service.process()));
            stack.close();
            throw e;
        }
    }

    private static Path webTokenKey(Path dataDirectory) {
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path file = dataDirectory.resolve("web-token-key");
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The web UI, when started. */
    Service webUi() {
        if (webUi == null) {
            throw new IllegalStateException("the web UI was not started");
        }
        return webUi;
    }

    Service commandService() {
        return commandService;
    }

    Service queryService() {
        return queryService;
    }

    private static Service startService(Path root, String name, Properties addresses, Path dataDirectory, List<String> arguments) {
        Path jar = root.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (bench/run.sh does)");
        }
        try {
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(SERVICE_JVM_OPTIONS);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
            for (String user : List.of("admin", "facilitator", "author", "reader")) {
                command.add("--postmortem.security.passwords." + user + "=" + password(user));
            }
            command.addAll(arguments);
            LocalStackAddresses.springProperties(addresses).forEach((key, value) -> {
                // As with run.sh, a server given in the environment (SPRING_DATA_MONGODB_URI, ...) wins over the
                // embedded one: the benchmark can run against real servers.
                if (System.getenv(environmentName(key)) == null) {
                    command.add("--" + key + "=" + value);
                }
            });
            Path log = dataDirectory.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Service(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment variable Spring Boot reads for a property: {@code spring.data.mongodb.uri} → SPRING_DATA_MONGODB_URI. */
    static String environmentName(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static void awaitReady(Service service) {
        ServiceReadiness.await(service.name(), service.process(), service.baseUrl(), service.log(), Duration.ofMinutes(3));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (webUi != null) {
            LocalStackProcess.stop(webUi.process());
        }
        LocalStackProcess.stop(queryService.process());
        LocalStackProcess.stop(commandService.process());
        stack.close();
    }
}
