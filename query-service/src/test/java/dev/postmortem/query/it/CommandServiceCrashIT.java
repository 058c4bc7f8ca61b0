package dev.postmortem.query.it;

import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.InProcessService;
import dev.postmortem.localstack.junit.ServiceProcess;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.query.QueryServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 3. command-service is killed with SIGKILL twice while clients keep sending commands, and
 * started again each time: no acknowledged command is lost, no event is half-written (every post-mortem's events run
 * without a gap and every payload reads), every post-mortem still takes commands afterwards, and the read side holds
 * exactly the stored events.
 */
@ExtendWith(DataDirectories.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class CommandServiceCrashIT {

    private static final int KILLS = 2;
    private static final Duration LOAD_BETWEEN_KILLS = Duration.ofSeconds(6);

    @Test
    void noAcknowledgedCommandIsLostAndNoEventHalfWrittenWhenCommandServiceIsKilled(DataDirectories directories) throws Exception {
        try (LocalStackProcess servers = LocalStackProcess.startOnly(directories.newDirectory(), LocalStackProcess.SERVERS)) {
            Properties addresses = servers.addresses();
            AtomicReference<ServiceProcess> commandService = new AtomicReference<>(ServiceProcess.commandService(addresses, Path.of("target")));
            try (ConfigurableApplicationContext queryService = InProcessService.start(QueryServiceApplication.class, addresses);
                 Reconciliation reconciliation = new Reconciliation(addresses)) {
                HttpApi queries = new HttpApi(InProcessService.baseUrl(queryService)).as(TestUsers.ADMIN);
                CommandLoad load = CommandLoad.start(() -> commandService.get().baseUrl(), 3);
                for (int kill = 0; kill < KILLS; kill++) {
                    Thread.sleep(LOAD_BETWEEN_KILLS.toMillis());
                    commandService.get().kill();
                    commandService.set(ServiceProcess.commandService(addresses, Path.of("target")));
                }
                Thread.sleep(LOAD_BETWEEN_KILLS.toMillis());
                load.close();

                assertThat(load.refused()).as("answers that were not 2xx (a crash may cut a request, never fail one)").isEmpty();
                Map<String, Long> acknowledged = new HashMap<>(load.acknowledged());
                HttpApi commands = new HttpApi(commandService.get().baseUrl()).as(TestUsers.ADMIN);
                Map<String, List<Reconciliation.StoredEvent>> stored = reconciliation.eventStore();
                for (Map.Entry<String, List<Reconciliation.StoredEvent>> postMortem : stored.entrySet()) {
                    long next = commands.put("/api/postmortems/" + postMortem.getKey() + "/severity", "{\"level\":\"SEV1\"}",
                            "If-Match", "\"" + (postMortem.getValue().size() - 1) + "\"").ok().version();
                    assertThat(next).as("the version after the stored events of %s", postMortem.getKey()).isEqualTo(postMortem.getValue().size());
                    acknowledged.put(postMortem.getKey(), next);
                }
                Reconciliation.Figures figures = reconciliation.check(acknowledged, () -> queries, Duration.ofMinutes(3));
                System.out.printf("command-service killed %d times under load: %s; then one more command on each of %d post-mortems; checked %s%n",
                        KILLS, load, stored.size(), figures);
            } finally {
                commandService.get().close();
            }
        }
    }
}
