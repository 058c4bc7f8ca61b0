package dev.postmortem.query.it;

import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.DataDirectories;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.ServiceProcess;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 2. query-service is killed with SIGKILL five times: three times while it projects a live load of
 * commands, twice in the middle of a rebuild (a replay of the whole topic into a new generation). After each kill it
 * is started again and goes on from its committed offsets. In the end every post-mortem's history holds exactly its
 * stored events (none missing, none doubled), views and index are at the stored versions, the views equal a fresh
 * rebuild, and the killed rebuilds left nothing behind.
 */
@ExtendWith(DataDirectories.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class QueryServiceCrashIT {

    private static final int KILLS_UNDER_LOAD = 3;
    private static final int KILLS_DURING_REBUILD = 2;
    /** How long the service projects (after it has been seen projecting) before it is killed. */
    private static final Duration PROJECTING_BEFORE_KILL = Duration.ofSeconds(3);
    /** Any earlier rebuild is a dead one here, so the last rebuild must clear what the killed ones left. */
    private static final String ABANDONED_AT_ONCE = "--postmortem.query.rebuild-abandoned-after=0s";
    /**
     * query-service's arguments. A killed consumer stays in its group until its session times out, and its
     * partitions wait for it. The service runs as a static member (postmortem.query.consumer-instance-id), so that
     * each restart takes the partitions back at once; and with two-minute sessions, so that it could not project
     * within {@link #PROJECTING_AFTER_RESTART} if static membership did not work.
     */
    private static final String[] ARGUMENTS = {"--postmortem.query.consumer-instance-id=query-service-1",
            "--spring.kafka.consumer.properties.session.timeout.ms=120000", ABANDONED_AT_ONCE};
    /** How soon a restarted service projects again: well within the killed consumer's two-minute session. */
    private static final Duration PROJECTING_AFTER_RESTART = Duration.ofSeconds(60);

    @Test
    void historyHoldsEachStoredEventOnceAfterQueryServiceIsKilledFiveTimes(DataDirectories directories) throws Exception {
        try (LocalStackProcess servers = LocalStackProcess.startOnly(directories.newDirectory(), LocalStackProcess.SERVERS)) {
            Properties addresses = servers.addresses();
            AtomicReference<ServiceProcess> queryService = new AtomicReference<>();
            try (ServiceProcess commandService = ServiceProcess.commandService(addresses, Path.of("target"));
                 Reconciliation reconciliation = new Reconciliation(addresses)) {
                queryService.set(ServiceProcess.queryService(addresses, Path.of("target"), ARGUMENTS));
                CommandLoad load = CommandLoad.start(commandService::baseUrl, 2);
                for (int kill = 0; kill < KILLS_UNDER_LOAD; kill++) {
                    awaitProjecting(reconciliation);
                    Thread.sleep(PROJECTING_BEFORE_KILL.toMillis());
                    queryService.get().kill();
                    queryService.set(ServiceProcess.queryService(addresses, Path.of("target"), ARGUMENTS));
                }
                int killedRebuilds = 0;
                int attempts = 0;
                while (killedRebuilds < KILLS_DURING_REBUILD) {
                    assertThat(++attempts).as("attempts to kill query-service in the middle of a rebuild").isLessThanOrEqualTo(10);
                    awaitProjecting(reconciliation);
                    // the first kill as the rebuild starts, the next ones further into its replay
                    if (killDuringRebuild(queryService.get(), reconciliation, Duration.ofMillis(700L * killedRebuilds))) {
                        killedRebuilds++;
                    }
                    queryService.set(ServiceProcess.queryService(addresses, Path.of("target"), ARGUMENTS));
                }
                awaitProjecting(reconciliation);
                load.close();

                assertThat(load.refused()).as("commands refused (by status)").isEmpty();
                Reconciliation.Figures figures = reconciliation.check(load.acknowledged(),
                        () -> new HttpApi(queryService.get().baseUrl()).as(TestUsers.ADMIN), Duration.ofMinutes(3));
                assertThat(rebuildLeftovers(reconciliation)).as("collections of killed rebuilds, after a rebuild that finished").isEmpty();
                assertThat(reconciliation.searchIndexes()).as("search indexes after a rebuild that finished").hasSize(1);
                System.out.printf("query-service killed %d times under load and %d times during a rebuild (%d attempts): %s; checked %s%n",
                        KILLS_UNDER_LOAD, killedRebuilds, attempts, load, figures);
            } finally {
                if (queryService.get() != null) {
                    queryService.get().close();
                }
            }
        }
    }

    /**
     * Starts a rebuild and kills the service this long after the rebuild's new collections appear.
     *
     * @return true if the kill landed while the rebuild ran (it may finish first, on a small topic)
     */
    private static boolean killDuringRebuild(ServiceProcess service, Reconciliation reconciliation, Duration intoTheRebuild)
            throws InterruptedException {
        List<String> before = rebuildLeftovers(reconciliation);
        HttpApi admin = new HttpApi(service.baseUrl()).as(TestUsers.ADMIN);
        CompletableFuture<Integer> rebuild = CompletableFuture.supplyAsync(() -> admin.post("/api/admin/rebuild", null).status());
        Instant deadline = Instant.now().plusSeconds(60);
        while (!rebuild.isDone() && Instant.now().isBefore(deadline)) {
            List<String> now = rebuildLeftovers(reconciliation);
            if (!before.containsAll(now)) {
                Thread.sleep(intoTheRebuild.toMillis());
                service.kill();
                return !rebuild.isDone() || rebuild.isCompletedExceptionally();
            }
            Thread.sleep(20);
        }
        service.kill();
        return false;
    }

    /** Waits until the (restarted) service projects again: the history grows while the load runs. */
    private static void awaitProjecting(Reconciliation reconciliation) {
        long before = reconciliation.historyEntries();
        await("query-service projecting (history beyond " + before + " entries)").atMost(PROJECTING_AFTER_RESTART)
                .pollInterval(Duration.ofMillis(250)).until(() -> reconciliation.historyEntries() > before);
    }

    private static List<String> rebuildLeftovers(Reconciliation reconciliation) {
        return reconciliation.mongo().getCollectionNames().stream().filter(name -> name.contains("_rebuild_")).sorted().toList();
    }
}
