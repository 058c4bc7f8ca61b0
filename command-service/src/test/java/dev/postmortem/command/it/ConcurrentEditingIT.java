package dev.postmortem.command.it;

import dev.postmortem.api.event.SummaryWritten;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 clients edit the same post-mortem at once, each by read-modify-write with If-Match: read the current summary
 * and version, append its own line, write. A loser must get 412 (or 409 for a simultaneous append) and try again
 * from a fresh read; nobody may overwrite a line another client already got stored (no lost update), nothing may
 * fail with 5xx, and the stored events must fold to exactly what the clients were told.
 */
class ConcurrentEditingIT extends RunningServiceTest {

    static final int CLIENTS = 100;

    @Autowired
    EventStore eventStore;

    /** The post-mortem's current version and summary, folded from its stored events (what a fresh read returns). */
    record State(long version, String summary) {
    }

    State read(String id) {
        long version = -1;
        String summary = "";
        for (DomainEventMessage<?> event : eventStore.readEvents(id).asStream().toList()) {
            version = event.getSequenceNumber();
            if (event.getPayload() instanceof SummaryWritten written) {
                summary = written.summary();
            }
        }
        return new State(version, summary);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void noUpdateIsLostAndEveryLoserIsToldSo() throws Exception {
        HttpApi api = api().as(TestUsers.ADMIN);
        String id = api.post("/api/postmortems", HttpApi.json(Map.of("title", "Edited by a crowd"))).ok().body().path("id").asText();
        String description = "/api/postmortems/" + id + "/description";
        Map<Integer, Integer> refusals = new ConcurrentHashMap<>();
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Long>> written = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                String line = "client-" + client;
                written.add(clients.submit(() -> {
                    start.await();
                    while (true) {
                        State state = read(id);
                        String summary = state.summary().isEmpty() ? line : state.summary() + "\n" + line;
                        attempts.incrementAndGet();
                        HttpApi.Response answer = api.put(description, HttpApi.json(Map.of("summary", summary)),
                                "If-Match", "\"" + state.version() + "\"");
                        if (answer.status() == 200) {
                            return answer.body().path("version").asLong();
                        }
                        answer.problem(answer.status());
                        refusals.merge(answer.status(), 1, Integer::sum);
                    }
                }));
            }
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<Long> version : written) {
                versions.add(version.get());
            }

            // The figures RELIABILITY.md reports.
            System.out.printf("ConcurrentEditingIT: %d clients, %d writes sent, refused by status %s%n", CLIENTS, attempts.get(), refusals);
            assertThat(refusals.keySet()).as("statuses of refused writes").isSubsetOf(412, 409);
            assertThat(refusals.values().stream().mapToInt(Integer::intValue).sum())
                    .as("the clients really raced").isPositive()
                    .isEqualTo(attempts.get() - CLIENTS);
            assertThat(versions).as("each success got its own version").doesNotHaveDuplicates();
            State last = read(id);
            assertThat(Arrays.stream(last.summary().split("\n")).sorted().toList())
                    .as("every client's line is in the final summary, once")
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, CLIENTS).mapToObj(i -> "client-" + i).toList());
            assertThat(eventStore.readEvents(id).asStream().filter(event -> event.getPayload() instanceof SummaryWritten).count())
                    .as("one stored change per successful write").isEqualTo(CLIENTS);
            assertThat(last.version()).isEqualTo(versions.stream().mapToLong(Long::longValue).max().orElseThrow());
        } finally {
            clients.shutdownNow();
        }
    }
}
