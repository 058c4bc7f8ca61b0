package dev.postmortem.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import static dev.postmortem.localstack.client.LocalStackAddresses.POSTGRES_JDBC_URL;
import static dev.postmortem.localstack.client.LocalStackAddresses.POSTGRES_PASSWORD;
import static dev.postmortem.localstack.client.LocalStackAddresses.POSTGRES_USERNAME;

/**
 * A real PostgreSQL server from the zonky binaries, with a data directory that survives restarts. zonky turns
 * durability off by default (fsync, synchronous commit, full-page writes) for throw-away test databases; an event
 * store must not lose committed events in a crash, so all three are switched back on.
 */
record PostgresServer(EmbeddedPostgres postgres) implements EmbeddedServer {

    static final String DATABASE = "postmortem";
    private static final String USER = "postgres";

    static PostgresServer start(Path dataDirectory, int port) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100");
        if (port != 0) {
            builder.setPort(port);
        }
        PostgresServer server = new PostgresServer(builder.start());
        server.createDatabaseIfMissing();
        return server;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    @Override
    public Properties addresses() {
        Properties properties = new Properties();
        properties.setProperty(POSTGRES_JDBC_URL, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE);
        properties.setProperty(POSTGRES_USERNAME, USER);
        properties.setProperty(POSTGRES_PASSWORD, "");
        return properties;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
