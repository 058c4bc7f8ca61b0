package dev.postmortem.localstack;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the real stack in its own JVM, as the run command and the services' integration tests do. */
class LocalStackProcessTest {

    private static Path dataDirectory;

    @BeforeAll
    static void createDirectory() {
        dataDirectory = LocalStackExtension.newDataDirectory();
    }

    @AfterAll
    static void deleteDirectory() {
        LocalStackExtension.deleteRecursively(dataDirectory);
    }

    @Test
    void postgresIsDurableAndKeepsItsDataAcrossARestart() throws Exception {
        try (LocalStackProcess stack = LocalStackProcess.start(dataDirectory, List.of())) {
            try (Connection connection = connect(stack.addresses()); Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "fsync")).isEqualTo("on");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(sql, "full_page_writes")).isEqualTo("on");
                sql.execute("CREATE TABLE survivor (name TEXT)");
                sql.execute("INSERT INTO survivor VALUES ('still here')");
            }
        }
        try (LocalStackProcess stack = LocalStackProcess.start(dataDirectory, List.of());
             Connection connection = connect(stack.addresses());
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT name FROM survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aServerGivenElsewhereIsNotStarted() {
        Path elsewhere = dataDirectory.resolve("without");
        try (LocalStackProcess stack = LocalStackProcess.start(elsewhere, List.of("postgres"))) {
            assertThat(stack.addresses()).doesNotContainKey(LocalStackAddresses.POSTGRES_JDBC_URL);
        }
    }

    private static Connection connect(Properties addresses) throws Exception {
        return DriverManager.getConnection(addresses.getProperty(LocalStackAddresses.POSTGRES_JDBC_URL),
                addresses.getProperty(LocalStackAddresses.POSTGRES_USERNAME),
                addresses.getProperty(LocalStackAddresses.POSTGRES_PASSWORD));
    }

    private static String setting(Statement sql, String name) throws Exception {
        try (ResultSet rs = sql.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
