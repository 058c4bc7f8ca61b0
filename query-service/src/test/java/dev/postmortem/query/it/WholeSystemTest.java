package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.query.QueryServiceApplication;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The whole system on the shared local stack: command-service from its jar as a separate process (as ./run.sh
 * runs it), query-service in this JVM, both talked to over HTTP.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(classes = {QueryServiceApplication.class, WholeSystemTest.MovableTime.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "postmortem.query.read-your-writes-timeout=10s")
abstract class WholeSystemTest {

    /** The query service's clock: the system's, until a test moves it (and puts it back). */
    static final MutableClock CLOCK = MutableClock.systemUtc();

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {
        @Bean
        @Primary
        MutableClock movableClock() {
            return CLOCK;
        }
    }

    private static ServiceProcess commandService;

    @LocalServerPort
    int port;

    HttpApi commands;
    HttpApi queries;

    @BeforeAll
    static void startCommandService() {
        commandService = ServiceProcess.commandService(LocalStackExtension.shared(), Path.of("target"));
    }

    @AfterAll
    static void stopCommandService() {
        if (commandService != null) {
            commandService.close();
        }
    }

    /** Where the command service answers, e.g. for a browser. */
    static String commandServiceUrl() {
        return commandService.baseUrl();
    }

    /**
     * The view once it has reached {@code version}. Each read waits up to 10 s; this asks again within the bound,
     * because on a fresh local stack the projections are assigned the topic only some seconds after the command
     * service created it with its first event.
     */
    JsonNode awaitView(String id, long version, Duration bound) {
        return await("view of " + id + " at version " + version).atMost(bound).until(
                () -> queries.get("/api/postmortems/" + id + "?minVersion=" + version), answer -> answer.status() == 200).body();
    }

    @BeforeEach
    void clients() {
        commands = new HttpApi(commandService.baseUrl()).as(TestUsers.ADMIN);
        queries = new HttpApi("http://127.0.0.1:" + port).as(TestUsers.ADMIN);
    }
}
