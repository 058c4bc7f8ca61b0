package dev.postmortem.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web UI's pages under load ({@code bench/pages.sh}): the whole system with the web UI, an organisation of
 * post-mortems written over HTTP, then 8 people signed in (each a session of their own) opening post-mortem pages and
 * search pages as fast as they are answered. Each page is timed beside its raw peer measured in the same run: the
 * reads the page makes, made straight to the services by the same number of clients (a post-mortem page reads the
 * view, the severity scale and "similar"; a search page makes the one search). The weight of each page — its HTML
 * with the CSS, scripts and icon it loads, uncompressed — is measured too. The section "Web pages" of BENCHMARKS.md
 * is replaced with the figures.
 *
 * <pre>bench/pages.sh [--postmortems 1000] [--clients 8] [--runs 3] [--seconds 15] [--warmup 10] [--seed 42] [--pace-ms 500]</pre>
 */
public final class PageBench {

    static final String BEGIN = "<!-- pages:begin (bench/pages.sh writes this section) -->";
    static final String END = "<!-- pages:end -->";
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+|/favicon\\.svg)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    record Options(int postMortems, int clients, int runs, int seconds, int warmup, long seed, int paceMillis, Path out) {
        static Options parse(String[] args) {
            Arguments given = Arguments.parse(args, "--postmortems", "--clients", "--runs", "--seconds", "--warmup", "--seed", "--pace-ms", "--out");
            return new Options(given.integer("--postmortems", 1000), given.integer("--clients", 8), given.integer("--runs", 3),
                    given.integer("--seconds", 15), given.integer("--warmup", 10), given.number("--seed", 42),
                    given.integer("--pace-ms", 500), given.path("--out", Path.of("BENCHMARKS.md")));
        }
    }

    /** A page, or its peer: latencies over all runs, and the p50 and p99 of each run. */
    record Timing(String name, Histogram all, List<Double> p50PerRun, List<Double> p99PerRun, List<Double> perSecond) {
    }

    record Weight(String page, long html, long assets, List<String> assetPaths) {
        long total() {
            return html + assets;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of("").toAbsolutePath();
        Instant started = Instant.now();
        Path data = root.resolve("bench/target/pages-" + System.currentTimeMillis());
        Files.createDirectories(data);
        Bench.log("starting the system with the web UI (data in %s)", data);
        try (SystemUnderTest system = SystemUnderTest.start(root, data, true)) {
            Http commands = new Http(system.commandService().baseUrl(), "facilitator", SystemUnderTest.password("facilitator"));
            Http reader = new Http(system.queryService().baseUrl(), "reader", SystemUnderTest.password("reader"));
            Http readerCommands = new Http(system.commandService().baseUrl(), "reader", SystemUnderTest.password("reader"));
            List<String> ids = write(options, new Writer(commands, "reader", readerCommands));
            Bench.awaitCaughtUp(system, reader, ids.size(), Duration.ofMinutes(10));
            List<String> searches = SearchMix.queries(options.seed());

            List<Session> people = new ArrayList<>();
            for (int i = 0; i < options.clients(); i++) {
                people.add(Session.signIn(system.webUi().baseUrl(), "reader", SystemUnderTest.password("reader")));
            }
            awaitQuiet(system, Duration.ofMinutes(10));
            Step postMortemPage = (session, random) -> session.page("/postmortems/" + ids.get(random.nextInt(ids.size())));
            Step view = (session, random) -> reader.ok("GET", "/api/postmortems/" + ids.get(random.nextInt(ids.size())), null);
            Step similarPanel = (session, random) -> session.panel("/postmortems/" + ids.get(random.nextInt(ids.size())) + "/similar");
            Step similar = (session, random) -> reader.ok("GET", "/api/postmortems/" + ids.get(random.nextInt(ids.size())) + "/similar?size=5", null);
            Step searchPage = (session, random) -> session.page("/search?" + searches.get(random.nextInt(searches.size())));
            Step search = (session, random) -> reader.ok("GET", "/api/search?" + searches.get(random.nextInt(searches.size())), null);
            List<Timing> timings = new ArrayList<>();
            timings.addAll(paired(options, people, null, "post-mortem page", postMortemPage, "its view, straight to the query service", view));
            timings.addAll(paired(options, people, null, "similar-incidents panel (htmx, after the page)", similarPanel,
                    "similar, straight to the query service", similar));
            timings.addAll(paired(options, people, null, "search page", searchPage, "the search, straight to the query service", search));
            Duration pace = Duration.ofMillis(options.paceMillis());
            timings.addAll(paired(options, people, pace, "post-mortem page, paced", postMortemPage, "its view, paced", view));
            timings.addAll(paired(options, people, pace, "search page, paced", searchPage, "the search, paced", search));

            Session one = people.get(0);
            List<Weight> weights = List.of(weight(one, "post-mortem page (the heaviest of 50)", heaviest(one, ids)),
                    weight(one, "search page", "/search?" + searches.get(0)), weight(one, "home", "/"));
            write(options, root, timings, weights, Duration.between(started, Instant.now()));
        }
    }

    private static List<String> write(Options options, Writer writer) throws Exception {
        Bench.log("writing %,d post-mortems with 8 clients", options.postMortems());
        Organisation organisation = new Organisation(options.seed());
        AtomicLong next = new AtomicLong();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        Bench.parallel(8, () -> {
            long index;
            while ((index = next.getAndIncrement()) < options.postMortems()) {
                ids.add(writer.write(organisation.plan(index), new Recorder(3), () -> false).id());
            }
        });
        return new ArrayList<>(ids);
    }

    /** One request of a timed loop, as one person. */
    interface Step {
        void accept(Session session, SplittableRandom random);
    }

    /**
     * A page and its raw peer, each warmed up, then their runs taken in turn (page, peer, page, peer, ...) so that
     * whatever the machine does meanwhile falls on both alike. With a {@code pace}, each person asks once per pace (on
     * a fixed schedule, and the latency counted from the time the request was due, so a slow answer is not hidden by
     * the requests it delayed); without, back to back.
     */
    private static List<Timing> paired(Options options, List<Session> people, Duration pace, String pageName, Step page, String peerName,
                                       Step peer) throws Exception {
        String how = pace == null ? "back to back" : "one request per person every " + pace.toMillis() + " ms";
        Bench.log("%s / %s: %d clients %s, %d s warm-up each, %d runs of %d s in turn", pageName, peerName, people.size(), how,
                options.warmup(), options.runs(), options.seconds());
        run(options.warmup(), people, page, pace, new Recorder(3), options.seed());
        run(options.warmup(), people, peer, pace, new Recorder(3), options.seed());
        Timing pageTiming = new Timing(pageName, new Histogram(3), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Timing peerTiming = new Timing(peerName, new Histogram(3), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < options.runs(); i++) {
            for (Timing timing : List.of(pageTiming, peerTiming)) {
                Recorder recorder = new Recorder(3);
                long count = run(options.seconds(), people, timing == pageTiming ? page : peer, pace, recorder, options.seed() + i + 1);
                Histogram run = recorder.getIntervalHistogram();
                timing.p50PerRun().add(run.getValueAtPercentile(50) / 1000.0);
                timing.p99PerRun().add(run.getValueAtPercentile(99) / 1000.0);
                timing.perSecond().add(count / (double) options.seconds());
                timing.all().add(run);
                Bench.log("  %s, run %d: %,.0f/s, p50 %.1f ms, p99 %.1f ms", timing.name(), i + 1, count / (double) options.seconds(),
                        run.getValueAtPercentile(50) / 1000.0, run.getValueAtPercentile(99) / 1000.0);
            }
        }
        return List.of(pageTiming, peerTiming);
    }

    private static long run(int seconds, List<Session> people, Step step, Duration pace, Recorder latencies, long seed) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        AtomicLong count = new AtomicLong();
        AtomicLong nextPerson = new AtomicLong();
        Bench.parallel(people.size(), () -> {
            int me = (int) nextPerson.getAndIncrement();
            Session session = people.get(me);
            SplittableRandom random = new SplittableRandom(seed * 31 + me);
            long interval = pace == null ? 0 : pace.toNanos();
            // Paced people start spread over one interval, not all at once.
            long due = start + (pace == null ? 0 : interval * me / people.size());
            while (true) {
                if (pace != null) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                long started = pace == null ? System.nanoTime() : due;
                if (started >= deadline) {
                    break;
                }
                step.accept(session, random);
                latencies.recordValue(Math.max(1, (System.nanoTime() - started) / 1_000));
                count.incrementAndGet();
                due += interval;
                if (pace == null && System.nanoTime() >= deadline) {
                    break;
                }
            }
        });
        return count.get();
    }

    /**
     * Waits until nothing is left to project: the publisher has sent every event and each Kafka listener has read
     * every record (the views may hold every post-mortem while later changes to them are still on their way, and
     * that work would fall on the first timings).
     */
    private static void awaitQuiet(SystemUnderTest system, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int quietReads = 0;
        while (quietReads < 3) {
            Map<String, Double> publisher = Metrics.read(system.commandService(), "postmortem_event_processor_lag_events", "processor");
            Map<String, Double> listeners = Metrics.read(system.queryService(), "kafka_consumer_fetch_manager_records_lag_max", "client_id");
            boolean quiet = publisher.values().stream().allMatch(lag -> lag == 0) && listeners.values().stream().allMatch(lag -> lag == 0);
            quietReads = quiet ? quietReads + 1 : 0;
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("still projecting after " + timeout + ": publisher " + publisher + ", listeners " + listeners);
            }
            if (!quiet) {
                Bench.log("  settling: publisher %s events behind; listeners %s records behind", publisher, listeners);
            }
            Bench.sleep(quiet ? 1000 : 5000);
        }
    }

    /** Of 50 post-mortems, the one whose page is largest. */
    private static String heaviest(Session session, List<String> ids) {
        String heaviest = null;
        long most = -1;
        for (String id : ids.subList(0, Math.min(50, ids.size()))) {
            long size = session.page("/postmortems/" + id).getBytes(StandardCharsets.UTF_8).length;
            if (size > most) {
                most = size;
                heaviest = "/postmortems/" + id;
            }
        }
        return heaviest;
    }

    /** The page's HTML and every stylesheet, script and icon it links, once each, uncompressed. */
    private static Weight weight(Session session, String name, String path) {
        String html = session.page(path);
        List<String> assets = new ArrayList<>();
        long assetBytes = 0;
        Matcher asset = ASSET.matcher(html);
        while (asset.find()) {
            if (!assets.contains(asset.group(1))) {
                assets.add(asset.group(1));
                assetBytes += session.page(asset.group(1)).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return new Weight(name, html.getBytes(StandardCharsets.UTF_8).length, assetBytes, assets);
    }

    /** One person signed in to the web UI: a cookie jar of their own. */
    record Session(HttpClient client, String base) {

        static Session signIn(String base, String user, String password) {
            Session session = new Session(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                                                    .connectTimeout(Duration.ofSeconds(10)).build(), base);
            Matcher token = CSRF.matcher(session.page("/sign-in"));
            if (!token.find()) {
                throw new IllegalStateException("the sign-in form carries no CSRF token");
            }
            String form = "username=" + Http.encode(user) + "&password=" + Http.encode(password) + "&_csrf=" + Http.encode(token.group(1));
            HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() != 302 || location.contains("sign-in")) {
                throw new IllegalStateException("signing in as " + user + " answered " + signedIn.statusCode() + " to " + location);
            }
            return session;
        }

        /** A page as the browser gets it; anything but 200 fails the benchmark. */
        String page(String path) {
            return get(HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
        }

        /** A part of a page as htmx asks for it. */
        String panel(String path) {
            return get(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET(), path);
        }

        private String get(HttpRequest.Builder request, String path) {
            HttpResponse<String> answer = send(request);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + answer.statusCode());
            }
            return answer.body();
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void write(Options options, Path root, List<Timing> timings, List<Weight> weights, Duration took) throws IOException {
        StringBuilder md = new StringBuilder(BEGIN).append("\n");
        md.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" on ").append(Report.machine())
          .append(", in ").append(took.toSeconds()).append(" s, by `bench/pages.sh --postmortems ").append(options.postMortems())
          .append(" --clients ").append(options.clients()).append(" --runs ").append(options.runs()).append(" --seconds ")
          .append(options.seconds()).append(" --warmup ").append(options.warmup()).append(" --pace-ms ").append(options.paceMillis())
          .append("`: ").append(String.format(Locale.ROOT, "%,d", options.postMortems()))
          .append(" post-mortems of the generated organisation, ").append(options.clients())
          .append(" readers signed in (a session each), first asking back to back (the machine saturated: latency there is mostly"
                  + " the queue of 8), then paced, each person one request every ").append(options.paceMillis())
          .append(" ms on a fixed schedule (latency counted from when the request was due). Each page is timed in turn with its raw"
                  + " peer: what the page waits for, asked straight of the service by the same 8 clients. The local stack, both services,"
                  + " the web UI (each run.sh's `-Xmx256m`) and the driver share the machine. Latency is the driver's, request sent to"
                  + " page received, on 127.0.0.1. The post-mortem page waits for its view only (the severity scale is kept a minute);"
                  + " the similar-incidents panel is asked for by htmx once the page is shown.\n\n");
        md.append("| what | p50 ms (per run) | p99 ms (per run) | p99 all runs | per second |\n|---|---|---|---|---|\n");
        for (Timing t : timings) {
            md.append("| ").append(t.name()).append(" | ").append(list(t.p50PerRun())).append(" | ").append(list(t.p99PerRun())).append(" | ")
              .append(String.format(Locale.ROOT, "%.1f", t.all().getValueAtPercentile(99) / 1000.0)).append(" | ")
              .append(list0(t.perSecond())).append(" |\n");
        }
        md.append("\nEach page over its raw peer, p50 and p99 of all runs:");
        for (int i = 0; i + 1 < timings.size(); i += 2) {
            md.append(i == 0 ? " " : "; ").append(timings.get(i).name()).append(" ").append(ratio(timings.get(i), timings.get(i + 1), 50))
              .append(" × and ").append(ratio(timings.get(i), timings.get(i + 1), 99)).append(" ×");
        }
        md.append(".\n\n");
        md.append("| page | HTML | CSS, scripts, icon | total (target < 150 KB) |\n|---|---|---|---|\n");
        for (Weight w : weights) {
            md.append("| ").append(w.page()).append(" | ").append(kb(w.html())).append(" | ").append(kb(w.assets())).append(" (")
              .append(String.join(", ", w.assetPaths())).append(") | ").append(kb(w.total())).append(" |\n");
        }
        md.append(END);
        Path out = options.out().isAbsolute() ? options.out() : root.resolve(options.out());
        String text = Files.exists(out) ? Files.readString(out) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated = begin >= 0 && end > begin ? text.substring(0, begin) + md + text.substring(end + END.length())
                : text + "\n## Web pages (`bench/pages.sh`)\n\n" + md + "\n";
        Files.writeString(out, updated);
        System.out.println(md);
        System.out.println("\nwritten: " + out);
    }

    private static String ratio(Timing page, Timing peer, double percentile) {
        return String.format(Locale.ROOT, "%.1f", page.all().getValueAtPercentile(percentile)
                / (double) Math.max(1, peer.all().getValueAtPercentile(percentile)));
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }

    private static String list0(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
