package dev.postmortem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark driver. For each organisation size: a fresh system on embedded defaults, the organisation written
 * over HTTP (32 clients), then command throughput at 1, 8 and 32 clients, freshness of views and search, search
 * latency at 16 clients, memory of each service, and a full rebuild. Figures go to BENCHMARKS.md.
 *
 * <pre>bench/run.sh [--sizes 1000,10000] [--runs 3] [--seconds 10] [--warmup 5] [--seed 42]</pre>
 */
public final class Bench {

    /**
     * How often a freshness probe asks. Gentle on purpose: with four probes asking every 2 ms (view) and 10 ms (search)
     * the asking itself held the 2-core machine at 92 % CPU (JFR: Elasticsearch's search threads answering the probes),
     * and the stalls it measured were its own.
     */
    private static final long VIEW_POLL_MS = 5;
    private static final long SEARCH_POLL_MS = 50;

    final Options options;
    final Path root;

    Bench(Options options, Path root) {
        this.options = options;
        this.root = root;
    }

    record Options(List<Integer> sizes, int runs, int seconds, int warmup, long seed, int freshnessSamples, Path out) {

        static Options parse(String[] args) {
            Arguments given = Arguments.parse(args, "--sizes", "--runs", "--seconds", "--warmup", "--seed", "--freshness-samples", "--out");
            return new Options(given.integers("--sizes", List.of(1000, 10_000)), given.integer("--runs", 3),
                    given.integer("--seconds", 10), given.integer("--warmup", 5), given.number("--seed", 42),
                    given.integer("--freshness-samples", 200), given.path("--out", Path.of("BENCHMARKS.md")));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of("").toAbsolutePath();
        Bench bench = new Bench(options, root);
        Instant started = Instant.now();
        List<Results> results = new ArrayList<>();
        Map<Integer, String> failures = new LinkedHashMap<>();
        for (int size : options.sizes()) {
            try {
                results.add(bench.measure(size));
            } catch (Exception e) {
                // The sizes measured so far still count; the report says which size failed and why.
                log("size %,d failed: %s", size, e);
                failures.put(size, String.valueOf(e.getMessage()));
            }
        }
        Report.write(options, root, results, failures, Duration.between(started, Instant.now()));
        System.out.println("\nwritten: " + options.out().toAbsolutePath() + " in " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    /** Every figure at one size. */
    record Results(int size, Load load, List<Throughput> throughput, Freshness freshness, Latency search, Latency directSearch,
                   Rebuild rebuild, Map<String, Memory> memory) {
    }

    record Load(long postMortems, long commands, double seconds, Histogram latencies, double catchUpSeconds) {
    }

    record Throughput(int clients, List<Double> commandsPerSecond, Histogram latencies, List<Double> p99PerRun) {
    }

    record Freshness(Histogram view, Histogram search, int samples) {
    }

    record Latency(int clients, List<Double> queriesPerSecond, Histogram latencies, List<Double> p99PerRun) {
    }

    /** A full rebuild, and a plain consumer reading the same topic just before it ({@link PlainConsumer}). */
    record Rebuild(long events, double seconds, long postMortems, PlainConsumer.Rate plain) {
    }

    record Memory(double heapMaxMb, double heapMedianMb, double rssMaxMb, double rssMedianMb) {
    }

    Results measure(int size) throws Exception {
        Path data = root.resolve("bench/target/run-" + size + "-" + System.currentTimeMillis());
        Files.createDirectories(data);
        log("size %,d: starting the system (data in %s)", size, data);
        try (SystemUnderTest system = SystemUnderTest.start(root, data)) {
            Http commands = new Http(system.commandService().baseUrl(), "facilitator", SystemUnderTest.password("facilitator"));
            Http reviewer = new Http(system.commandService().baseUrl(), "reader", SystemUnderTest.password("reader"));
            Writer writer = new Writer(commands, "reader", reviewer);
            Http reader = new Http(system.queryService().baseUrl(), "reader", SystemUnderTest.password("reader"));
            Http admin = new Http(system.queryService().baseUrl(), "admin", SystemUnderTest.password("admin"));
            Organisation organisation = new Organisation(options.seed());
            AtomicLong nextPlan = new AtomicLong();
            List<String> ids = Collections.synchronizedList(new ArrayList<>());

            Load load = load(system, size, writer, reader, organisation, nextPlan, ids);
            MemorySampler memory = new MemorySampler(List.of(system.commandService(), system.queryService()));
            memory.start();
            List<Throughput> throughput = new ArrayList<>();
            for (int clients : List.of(1, 8, 32)) {
                throughput.add(throughput(clients, writer, organisation, nextPlan, ids));
            }
            awaitCaughtUp(system, reader, ids.size(), Duration.ofMinutes(10));
            Freshness freshness = freshness(system, data.resolve("freshness.csv"), commands, reader, ids);
            List<Latency> searches = search(reader, new Http(system.elasticsearchUrl(), "", ""));
            Map<String, Memory> memories = memory.stop();
            Rebuild rebuild = rebuild(system, admin);
            return new Results(size, load, throughput, freshness, searches.get(0), searches.get(1), rebuild, memories);
        }
    }

    /** The organisation itself: {@code size} post-mortems written by 32 clients; then the wait until reads have them. */
    private Load load(SystemUnderTest system, int size, Writer writer, Http reader, Organisation organisation, AtomicLong nextPlan, List<String> ids)
            throws Exception {
        log("size %,d: writing the organisation with 32 clients", size);
        Recorder latencies = new Recorder(3);
        AtomicLong count = new AtomicLong();
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        parallel(32, () -> {
            long index;
            while ((index = nextPlan.getAndIncrement()) < size) {
                Writer.Written written = writer.write(organisation.plan(index), latencies, () -> false);
                ids.add(written.id());
                count.addAndGet(written.commands());
                long finished = done.incrementAndGet();
                if (finished % Math.max(1, size / 10) == 0) {
                    log("  %,d of %,d post-mortems, %,.0f commands/s", finished, size, count.get() / seconds(started));
                }
            }
        });
        double seconds = seconds(started);
        long caughtUp = System.nanoTime();
        awaitCaughtUp(system, reader, size, Duration.ofMinutes(20));
        return new Load(size, count.get(), seconds, latencies.getIntervalHistogram(), seconds(caughtUp));
    }

    /** Commands/s and latency with a fixed number of clients, each writing new post-mortems for a timed run. */
    private Throughput throughput(int clients, Writer writer, Organisation organisation, AtomicLong nextPlan, List<String> ids)
            throws Exception {
        log("throughput with %d client(s): %d s warm-up, %d runs of %d s", clients, options.warmup(), options.runs(), options.seconds());
        timedWrites(clients, options.warmup(), writer, organisation, nextPlan, ids, new Recorder(3));
        List<Double> rates = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        Histogram all = new Histogram(3);
        for (int run = 0; run < options.runs(); run++) {
            Recorder latencies = new Recorder(3);
            long commandsDone = timedWrites(clients, options.seconds(), writer, organisation, nextPlan, ids, latencies);
            Histogram histogram = latencies.getIntervalHistogram();
            rates.add(commandsDone / (double) options.seconds());
            p99s.add(histogram.getValueAtPercentile(99) / 1000.0);
            all.add(histogram);
            log("  run %d: %,.0f commands/s, p99 %.1f ms", run + 1, rates.get(run), p99s.get(run));
        }
        return new Throughput(clients, rates, all, p99s);
    }

    private long timedWrites(int clients, int seconds, Writer writer, Organisation organisation, AtomicLong nextPlan,
                             List<String> ids, Recorder latencies) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong count = new AtomicLong();
        parallel(clients, () -> {
            while (System.nanoTime() < deadline) {
                Writer.Written written = writer.write(organisation.plan(nextPlan.getAndIncrement()), latencies,
                        () -> System.nanoTime() >= deadline);
                ids.add(written.id());
                count.addAndGet(written.commands());
            }
        });
        return count.get();
    }

    /** Time from a write's 2xx until (a) the view shows its version and (b) a search finds its words. */
    private Freshness freshness(SystemUnderTest system, Path samplesFile, Http commands, Http reader, List<String> ids) throws Exception {
        log("freshness: %d samples, 4 at a time", options.freshnessSamples());
        Histogram view = new Histogram(3);
        Histogram search = new Histogram(3);
        AtomicLong remaining = new AtomicLong(options.freshnessSamples());
        List<String> samples = new ArrayList<>(List.of("written,postMortem,version,viewMs,searchMs"));
        Stages stages = Stages.before(system);
        ExecutorService pollers = Executors.newFixedThreadPool(8);
        try {
            parallel(4, () -> {
                SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());
                while (remaining.getAndDecrement() > 0) {
                    String id = ids.get(random.nextInt(ids.size()));
                    String token = token(random);
                    Http.Answer written = commands.ok("POST", "/api/postmortems/" + id + "/timeline", Map.of(
                            "occurredAt", Instant.now().toString(), "kind", "OBSERVATION",
                            "description", "Freshness probe " + token + " observed on the dashboard."));
                    long wrote = System.nanoTime();
                    long wroteAt = System.currentTimeMillis();
                    long version = written.json().path("version").asLong();
                    Future<Long> seen = pollers.submit(() -> {
                        while (reader.ok("GET", "/api/postmortems/" + id, null).version() < version) {
                            sleep(VIEW_POLL_MS);
                        }
                        return System.nanoTime() - wrote;
                    });
                    Future<Long> found = pollers.submit(() -> {
                        while (reader.ok("GET", "/api/search?size=1&q=" + token, null).json().path("total").asLong() < 1) {
                            sleep(SEARCH_POLL_MS);
                        }
                        return System.nanoTime() - wrote;
                    });
                    long viewMicros = Math.max(1, seen.get() / 1000);
                    long searchMicros = Math.max(1, found.get() / 1000);
                    synchronized (view) {
                        view.recordValue(viewMicros);
                        search.recordValue(searchMicros);
                        samples.add(String.format("%s,%s,%d,%d,%d", Instant.ofEpochMilli(wroteAt), id, version, viewMicros / 1000, searchMicros / 1000));
                    }
                }
            });
        } finally {
            pollers.shutdownNow();
        }
        log("  view p50 %.0f ms p99 %.0f ms; search p50 %.0f ms p99 %.0f ms", ms(view, 50), ms(view, 99), ms(search, 50), ms(search, 99));
        Files.write(samplesFile, samples);
        log("  each sample in %s; where the time went, stage by stage, over the samples' events:", samplesFile);
        stages.after().forEach((stage, ms) -> log("    %s: p50 %.0f ms, p99 %.0f ms", stage, ms[0], ms[1]));
        return new Freshness(view, search, options.freshnessSamples());
    }

    /**
     * Searches by 16 clients over a mix of words, phrases, filters and facets: through the API, and the same searches
     * sent straight to Elasticsearch. Each query of the mix is asked once through the API with {@code explain=true},
     * which answers with the request it sent (the reader's own, visibility filter and all); the clients then send
     * those requests to the node as the service does. The two alternate run by run, so that both meet the same machine.
     *
     * @return the API's latencies, then Elasticsearch's
     */
    private List<Latency> search(Http reader, Http elasticsearch) throws Exception {
        List<String> queries = SearchMix.queries(options.seed());
        List<Map.Entry<String, JsonNode>> requests = new ArrayList<>();
        for (String query : queries) {
            JsonNode sent = reader.ok("GET", "/api/search?" + query + "&explain=true", null).json().path("elasticsearch");
            requests.add(Map.entry("/" + sent.path("index").asText() + "/_search", sent.path("body")));
        }
        TimedRequests<String> api = new TimedRequests<>("through the API", queries, query -> reader.ok("GET", "/api/search?" + query, null));
        TimedRequests<Map.Entry<String, JsonNode>> direct = new TimedRequests<>("straight to Elasticsearch", requests,
                request -> elasticsearch.ok("POST", request.getKey(), request.getValue()));
        int clients = 16;
        log("search with %d clients over %d queries, through the API and straight to Elasticsearch in turn: %d s warm-up, "
                + "%d runs of %d s each", clients, queries.size(), options.warmup(), options.runs(), options.seconds());
        for (TimedRequests<?> side : List.of(api, direct)) {
            side.run(clients, options.warmup(), new Recorder(3));
        }
        for (int run = 0; run < options.runs(); run++) {
            for (TimedRequests<?> side : List.of(api, direct)) {
                side.measure(clients, options.seconds());
            }
        }
        return List.of(api.latency(clients), direct.latency(clients));
    }

    private Rebuild rebuild(SystemUnderTest system, Http admin) {
        log("a plain Kafka consumer reading the whole topic, then the rebuild of views, index and KPI facts from it");
        PlainConsumer.Rate plain = PlainConsumer.read(system.kafkaBootstrapServers());
        log("  plain consumer: %,d records in %.1f s: %,.0f records/s; parsing each record's JSON: %,.0f records/s",
                plain.records(), plain.seconds(), plain.perSecond(), plain.parsedPerSecond());
        long started = System.nanoTime();
        Http.Answer answer = admin.send("POST", "/api/admin/rebuild", null, Duration.ofMinutes(30));
        if (answer.status() != 200) {
            throw new IllegalStateException("rebuild answered " + answer.status() + ": " + answer.body());
        }
        double seconds = seconds(started);
        long events = answer.json().path("events").asLong();
        log("  %,d events in %.1f s: %,.0f events/s", events, seconds, events / seconds);
        return new Rebuild(events, seconds, answer.json().path("postMortems").asLong(), plain);
    }

    /**
     * The {@code total} of a page, or -1 while the service answers otherwise (a 503 while a server is overloaded: at
     * 10,000 Elasticsearch refused searches with 429 during the catch-up, and the wait must outlast that, not fail).
     */
    private static long total(Http reader, String path) {
        Http.Answer answer = reader.send("GET", path, null);
        if (answer.status() != 200) {
            log("  %s answered %d; waiting on", path, answer.status());
            return -1;
        }
        return answer.json().path("total").asLong();
    }

    /**
     * Nothing queued: the publisher has published every stored event, and every projection has processed the topic to
     * its end — its consumer group's committed offsets, asked of the broker ({@link ConsumerGroups}). The consumers'
     * own {@code records_lag} metric read 0 while a backlog sat fetched in their buffers: the freshness phase then
     * started 2 s after the 32-client throughput runs and measured that backlog (view p99 1.7 s, search p99 2.9 s).
     */
    static boolean drained(SystemUnderTest system) {
        Map<String, Double> publisher = Metrics.read(system.commandService(), "postmortem_event_processor_lag_events", "processor");
        return publisher.getOrDefault("kafka-publisher", 1.0) == 0
                && ConsumerGroups.behind(system.kafkaBootstrapServers()).values().stream().allMatch(lag -> lag <= 0);
    }

    /**
     * Waits until the views and the search index hold {@code expected} post-mortems and nothing is queued ({@link #drained}); every 5 s it logs how far
     * behind each stage is (the publisher's lag behind the event store, each projection's records not yet processed).
     */
    static void awaitCaughtUp(SystemUnderTest system, Http reader, long expected, Duration timeout) {
        // Every post-mortem in the views is not yet every event: a post-mortem exists from its first event on. A
        // measurement that starts while events are still queued measures the queue (the freshness tail of the runs
        // before this wait: probes behind the throughput phase's backlog).

        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.now().plusSeconds(5);
        while (true) {
            // The metrics first: counting the views is a scan of them all on the embedded store, and asking it twice a
            // second held that store busy while the projection it waited for caught up.
            boolean drained = drained(system);
            boolean report = Instant.now().isAfter(nextReport);
            long views = drained || report ? total(reader, "/api/postmortems?size=1") : -1;
            long indexed = drained || report ? total(reader, "/api/search?size=1") : -1;
            if (views >= expected && indexed >= expected && drained) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("views " + views + " and index " + indexed + " did not reach " + expected + " in " + timeout);
            }
            if (report) {
                log("  catching up: views %,d and index %,d of %,d; publisher %s events behind; projections %s records behind",
                        views, indexed, expected, Metrics.read(system.commandService(), "postmortem_event_processor_lag_events", "processor"),
                        ConsumerGroups.behind(system.kafkaBootstrapServers()));
                nextReport = Instant.now().plusSeconds(5);
            }
            sleep(500);
        }
    }

    interface Task {
        void run() throws Exception;
    }

    /** Runs the task on {@code threads} threads and waits for all; the first failure fails the benchmark. */
    static void parallel(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        task.run();
                    } catch (Throwable e) {
                        failed.set(true);
                        failures.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (failed.get()) {
            Exception first = new IllegalStateException("a client failed: " + causes(failures.get(0)), failures.get(0));
            throw first;
        }
    }

    /** The messages of an error and of its causes, innermost last (a timeout says so only in its cause). */
    static String causes(Throwable error) {
        StringBuilder messages = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            messages.append(" ← ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return messages.toString();
    }

    private static String token(SplittableRandom random) {
        StringBuilder token = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            token.append((char) ('a' + random.nextInt(26)));
        }
        return token.toString();
    }

    static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] %s%n", java.time.LocalTime.now(), String.format(format, args));
    }
}
