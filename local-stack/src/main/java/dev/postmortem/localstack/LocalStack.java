package dev.postmortem.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded servers in this JVM and keeps them running until the process is stopped (SIGTERM/Ctrl-C) or,
 * with {@code --exit-with-parent}, until standard input closes because the process that launched it went away.
 * <p>
 * When every server is up, the addresses are written atomically to the {@code --ready-file} as Java properties
 * (keys in {@link LocalStackAddresses}) and printed.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackOptions options;
    private final List<EmbeddedServer> running = new ArrayList<>();

    private LocalStack(LocalStackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        // The servers log a lot at INFO; warnings and errors are what matter in the local stack's log.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println(LocalStackOptions.USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::closeQuietly, "local-stack-shutdown"));
        Properties addresses;
        try {
            addresses = stack.start();
        } catch (Exception e) {
            System.err.println("local-stack: start-up failed: " + e);
            e.printStackTrace();
            // Exit explicitly: a non-daemon thread of a half-started server must not keep the JVM alive.
            System.exit(1);
            return;
        }
        stack.announce(addresses);
        CountDownLatch stopped = new CountDownLatch(1);
        if (options.exitWithParent()) {
            Thread watcher = new Thread(() -> {
                awaitEndOfInput(System.in);
                stopped.countDown();
            }, "local-stack-parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
        System.exit(0);
    }

    private Properties start() throws Exception {
        Files.createDirectories(options.dataDirectory());
        Properties addresses = new Properties();
        if (options.postgres()) {
            run(PostgresServer.start(options.dataDirectory().resolve("postgres"), options.postgresPort()), addresses);
        }
        if (options.kafka()) {
            run(KafkaServer.start(options.dataDirectory().resolve("kafka"), options.kafkaPort()), addresses);
        }
        if (options.elasticsearch()) {
            run(ElasticsearchServer.start(options.dataDirectory().resolve("elasticsearch"), options.elasticsearchPort()), addresses);
        }
        if (options.mongo()) {
            run(MongoWireServer.start(options.dataDirectory().resolve("mongo"), options.mongoPort()), addresses);
        }
        return addresses;
    }

    private void run(EmbeddedServer server, Properties addresses) {
        running.add(server);
        addresses.putAll(server.addresses());
    }

    private void announce(Properties addresses) throws IOException {
        if (options.readyFile() != null) {
            Path readyFile = options.readyFile().toAbsolutePath();
            Files.createDirectories(readyFile.getParent());
            Path temporary = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(temporary)) {
                addresses.store(out, "local-stack addresses");
            }
            Files.move(temporary, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("local-stack: ready (data in " + options.dataDirectory().toAbsolutePath() + ")");
        addresses.stringPropertyNames().stream().sorted()
                 .forEach(key -> System.out.println("  " + key + " = " + addresses.getProperty(key)));
        System.out.flush();
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone, too.
        }
    }

    @Override
    public synchronized void close() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("local-stack: error while stopping: " + e);
        }
    }
}
