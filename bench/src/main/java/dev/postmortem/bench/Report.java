package dev.postmortem.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the measured figures into BENCHMARKS.md between the markers {@code <!-- results:start -->} and
 * {@code <!-- results:end -->}, keeping everything else in the file (the optimisation log is written by hand).
 */
final class Report {

    static final String START = "<!-- results:start -->";
    static final String END = "<!-- results:end -->";

    private Report() {
    }

    static void write(Bench.Options options, Path root, List<Bench.Results> results, Map<Integer, String> failures,
                      Duration took) throws IOException {
        Path file = root.resolve(options.out());
        String generated = render(options, root, results, failures, took);
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + START + "\n" + END + "\n";
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        String updated = start < 0 || end < 0
                ? existing + "\n" + START + "\n" + generated + END + "\n"
                : existing.substring(0, start + START.length()) + "\n" + generated + existing.substring(end);
        Files.writeString(file, updated);
        Files.writeString(root.resolve("bench/target/results-" + System.currentTimeMillis() + ".md"), generated);
    }

    static String render(Bench.Options options, Path root, List<Bench.Results> results, Map<Integer, String> failures,
                         Duration took) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" on ").append(machine())
          .append(", commit `").append(commit(root)).append("`, by\n`bench/run.sh --sizes ")
          .append(String.join(",", options.sizes().stream().map(String::valueOf).toList()))
          .append(" --runs ").append(options.runs()).append(" --seconds ").append(options.seconds())
          .append(" --warmup ").append(options.warmup()).append(" --seed ").append(options.seed())
          .append("` in ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s.\n")
          .append("Everything — the local stack, both services (run.sh's `-Xmx256m`) and the load driver — shares this machine.\n")
          .append("Medians over ").append(options.runs()).append(" runs with the spread (min–max) in brackets; latency percentiles over all runs.\n\n");
        failures.forEach((size, reason) -> md.append("**Size ").append(fmt(size)).append(" did not complete:** ")
                                             .append(reason).append("\n\n"));

        md.append("### 1. Command throughput over HTTP (target at 8 clients: ≥ 2,000 commands/s, p99 ≤ 25 ms)\n\n")
          .append("| post-mortems | clients | commands/s | p50 ms | p99 ms (runs) | p99.9 ms |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Bench.Results r : results) {
            for (Bench.Throughput t : r.throughput()) {
                md.append(row(fmt(r.size()), t.clients(), spread(t.commandsPerSecond(), "%,.0f"), ms(t.latencies(), 50),
                        ms(t.latencies(), 99) + " (" + range(t.p99PerRun(), "%.1f") + ")", ms(t.latencies(), 99.9)));
            }
        }
        md.append("\nWriting the organisation itself (32 clients, every post-mortem's ~50 commands in order):\n\n")
          .append("| post-mortems | commands | seconds | commands/s | p50 ms | p99 ms | views and index caught up after |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Bench.Results r : results) {
            Bench.Load l = r.load();
            md.append(row(fmt(l.postMortems()), fmt(l.commands()), String.format(Locale.ROOT, "%.0f", l.seconds()),
                    String.format(Locale.ROOT, "%,.0f", l.commands() / l.seconds()), ms(l.latencies(), 50), ms(l.latencies(), 99),
                    String.format(Locale.ROOT, "%.1f s", l.catchUpSeconds())));
        }

        md.append("\n### 2. Freshness: a write's 2xx until the change is readable (targets: view p99 ≤ 300 ms, search p99 ≤ 1.2 s)\n\n")
          .append("| post-mortems | samples | view p50 ms | view p99 ms | view max ms | search p50 ms | search p99 ms | search max ms |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Bench.Results r : results) {
            Bench.Freshness f = r.freshness();
            md.append(row(fmt(r.size()), f.samples(), ms(f.view(), 50), ms(f.view(), 99), ms(f.view(), 100),
                    ms(f.search(), 50), ms(f.search(), 99), ms(f.search(), 100)));
        }

        md.append("\n### 3. Full rebuild of views, search index and KPI facts from the topic (target ≥ 20,000 events/s)\n\n")
          .append("Beside it, in the same run just before: a plain Kafka consumer reading the same topic from the beginning, ")
          .append("as bytes and parsing each record's JSON (the least a projection does with an event).\n\n")
          .append("| post-mortems (at rebuild) | events | seconds | events/s | plain consumer records/s | with a JSON parse | rebuild ÷ parsing consumer |\n")
          .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Bench.Results r : results) {
            Bench.Rebuild b = r.rebuild();
            double rate = b.events() / b.seconds();
            md.append(row(fmt(b.postMortems()), fmt(b.events()), String.format(Locale.ROOT, "%.1f", b.seconds()),
                    String.format(Locale.ROOT, "%,.0f", rate), String.format(Locale.ROOT, "%,.0f", b.plain().perSecond()),
                    String.format(Locale.ROOT, "%,.0f", b.plain().parsedPerSecond()),
                    String.format(Locale.ROOT, "%.1f %%", 100 * rate / b.plain().parsedPerSecond())));
        }

        md.append("\n### 4. Search latency, 16 clients, mixed queries with facets (target p99 ≤ 100 ms; the API ≤ 1.5 × Elasticsearch alone)\n\n")
          .append("The same requests straight to Elasticsearch: the body the API sent for each query of the mix (asked once with ")
          .append("`explain=true`), posted to the node by the same 16 clients in the same run.\n\n")
          .append("| post-mortems | sent | searches/s | p50 ms | p99 ms (runs) | p99.9 ms | API ÷ Elasticsearch (p50) |\n")
          .append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (Bench.Results r : results) {
            Bench.Latency api = r.search();
            Bench.Latency direct = r.directSearch();
            md.append(searchRow(r.size(), "through the API", api, String.format(Locale.ROOT, "%.2f",
                    api.latencies().getValueAtPercentile(50) / (double) direct.latencies().getValueAtPercentile(50))));
            md.append(searchRow(r.size(), "straight to Elasticsearch", direct, "1"));
        }

        md.append("\n### 5. Memory under load (sampled every 2 s during throughput, freshness and search; target heap ≤ 256 MB)\n\n")
          .append("| post-mortems | service | heap median MB | heap max MB | RSS median MB | RSS max MB |\n|---:|---|---:|---:|---:|---:|\n");
        for (Bench.Results r : results) {
            for (Map.Entry<String, Bench.Memory> m : r.memory().entrySet()) {
                Bench.Memory v = m.getValue();
                md.append(row(fmt(r.size()), m.getKey(), f0(v.heapMedianMb()), f0(v.heapMaxMb()), f0(v.rssMedianMb()), f0(v.rssMaxMb())));
            }
        }
        md.append("\n(6. Growth: the tables above list every size measured.)\n\n");
        return md.toString();
    }

    private static String searchRow(int size, String sent, Bench.Latency s, String ratio) {
        return row(fmt(size), sent, spread(s.queriesPerSecond(), "%,.0f"), ms(s.latencies(), 50),
                ms(s.latencies(), 99) + " (" + range(s.p99PerRun(), "%.1f") + ")", ms(s.latencies(), 99.9), ratio);
    }

    private static String row(Object... cells) {
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(String.valueOf(cell));
        }
        return "| " + String.join(" | ", text) + " |\n";
    }

    private static String ms(Histogram histogram, double percentile) {
        return String.format(Locale.ROOT, "%.1f", Bench.ms(histogram, percentile));
    }

    private static String spread(List<Double> values, String format) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, format, sorted.get(sorted.size() / 2)) + " (" + range(values, format) + ")";
    }

    private static String range(List<Double> values, String format) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(Locale.ROOT, format, sorted.get(0)) + "–" + String.format(Locale.ROOT, format, sorted.get(sorted.size() - 1));
    }

    private static String fmt(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String f0(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                       .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores (%s), %d GiB RAM, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
                memory >> 30, System.getProperty("java.version"));
    }

    private static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile()).start();
            String id = new String(git.getInputStream().readAllBytes()).trim();
            git.waitFor();
            return id.isEmpty() ? "unknown" : id;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
