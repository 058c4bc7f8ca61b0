package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady stream of commands from a few clients while a test breaks things: each client opens a post-mortem and
 * works on it (severity, start, timeline, tags, summary), then opens the next. It keeps sending whatever happens and
 * remembers what the system acknowledged: for every post-mortem, the highest version a 2xx answer handed out. A
 * request that got no answer (the service was killed, or was not up yet) is not acknowledged, so it promises nothing.
 */
final class CommandLoad implements AutoCloseable {

    private static final long PAUSE_MILLIS = 25;
    private static final long NOT_ANSWERING_PAUSE_MILLIS = 250;

    private final Supplier<String> commandService;
    private final ConcurrentMap<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final ConcurrentMap<Integer, AtomicLong> refused = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();

    private CommandLoad(Supplier<String> commandService) {
        this.commandService = commandService;
    }

    /** Starts the clients; the supplier names where command-service answers now (it may move when restarted). */
    static CommandLoad start(Supplier<String> commandService, int clients) {
        CommandLoad load = new CommandLoad(commandService);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(load::work, "command-load-" + i);
            client.setDaemon(true);
            load.clients.add(client);
            client.start();
        }
        return load;
    }

    private void work() {
        int round = 0;
        while (running.get()) {
            String id = create("Load under faults " + Thread.currentThread().getName() + " #" + round++);
            if (id == null) {
                continue;
            }
            String pm = "/api/postmortems/" + id;
            send(id, "PUT", pm + "/severity", "{\"level\":\"SEV3\"}");
            send(id, "PUT", pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}");
            send(id, "POST", pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:03:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert fired\"}");
            send(id, "PUT", pm + "/tags", "{\"tags\":[\"fault-drill\",\"round-" + round + "\"]}");
            send(id, "PUT", pm + "/severity", "{\"level\":\"SEV2\"}");
            send(id, "PUT", pm + "/description", "{\"summary\":\"The queue backed up after round " + round + ".\"}");
        }
    }

    private String create(String title) {
        HttpApi.Response response = call(null, "POST", "/api/postmortems", HttpApi.json(Map.of("title", title)));
        return response == null ? null : response.body().path("id").asText();
    }

    private void send(String id, String method, String path, String body) {
        if (running.get()) {
            call(id, method, path, body);
        }
    }

    /** @return the answer if it was a 2xx, else null (counted as refused or unanswered) */
    private HttpApi.Response call(String id, String method, String path, String body) {
        sent.incrementAndGet();
        try {
            HttpApi.Response response = new HttpApi(commandService.get()).as(TestUsers.ADMIN).call(method, path, body);
            if (response.status() / 100 != 2) {
                refused.computeIfAbsent(response.status(), status -> new AtomicLong()).incrementAndGet();
                pause(PAUSE_MILLIS);
                return null;
            }
            succeeded.incrementAndGet();
            String postMortem = id != null ? id : response.body().path("id").asText();
            acknowledged.merge(postMortem, response.version(), Math::max);
            pause(PAUSE_MILLIS);
            return response;
        } catch (UncheckedIOException noAnswer) {
            unanswered.incrementAndGet();
            pause(NOT_ANSWERING_PAUSE_MILLIS);
            return null;
        }
    }

    /** Stops sending and waits for the requests in flight. */
    @Override
    public void close() {
        running.set(false);
        for (Thread client : clients) {
            try {
                client.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** For every post-mortem, the highest version a 2xx answer handed out. */
    Map<String, Long> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    long sent() {
        return sent.get();
    }

    long succeeded() {
        return succeeded.get();
    }

    /** Requests that got no HTTP answer at all (connection refused or cut). */
    long unanswered() {
        return unanswered.get();
    }

    /** Answers that were not 2xx, by status. */
    Map<Integer, Long> refused() {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        refused.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    @Override
    public String toString() {
        return sent() + " commands sent, " + succeeded() + " acknowledged (2xx), " + unanswered() + " unanswered, refused " + refused()
                + ", " + acknowledged.size() + " post-mortems";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
