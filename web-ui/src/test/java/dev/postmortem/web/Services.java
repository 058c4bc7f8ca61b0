package dev.postmortem.web;

import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Both services from their jars, as ./run.sh runs them, started once for the test JVM on the shared local stack and
 * given the web token key the web UI under test signs with. Stopped when the JVM ends.
 */
final class Services {

    static final Path KEY = key();
    private static ServiceProcess commands;
    private static ServiceProcess queries;

    private Services() {
    }

    static synchronized void start() {
        if (commands != null) {
            return;
        }
        Properties stack = LocalStackExtension.shared();
        String key = "--postmortem.security.web-token-key-file=" + KEY;
        CompletableFuture<ServiceProcess> command = CompletableFuture.supplyAsync(
                () -> ServiceProcess.commandService(stack, Path.of("target"), key));
        CompletableFuture<ServiceProcess> query = CompletableFuture.supplyAsync(
                () -> ServiceProcess.queryService(stack, Path.of("target"), key, "--postmortem.query.read-your-writes-timeout=10s"));
        try {
            commands = command.join();
            queries = query.join();
        } catch (RuntimeException e) {
            command.thenAccept(ServiceProcess::close);
            query.thenAccept(ServiceProcess::close);
            commands = null;
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            queries.close();
            commands.close();
        }, "stop-services"));
    }

    static String commandService() {
        return commands.baseUrl();
    }

    static String queryService() {
        return queries.baseUrl();
    }

    /** A fresh 256-bit key, base64 in a file only this user can read, as ./run.sh writes it. */
    static Path key() {
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path file = Files.createTempFile("web-token-key", "");
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
