package dev.postmortem.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One way of sending requests, timed: the requests (sent round-robin by every client), how to send one, and what its
 * timed runs measured. The search phase times two of them in turn — the API and the same requests straight to
 * Elasticsearch — so that both meet the same machine.
 */
final class TimedRequests<T> {

    interface Call<T> {
        void send(T request) throws Exception;
    }

    private final String what;
    private final List<T> requests;
    private final Call<T> call;
    private final List<Double> rates = new ArrayList<>();
    private final List<Double> p99s = new ArrayList<>();
    private final Histogram all = new Histogram(3);

    TimedRequests(String what, List<T> requests, Call<T> call) {
        this.what = what;
        this.requests = requests;
        this.call = call;
    }

    /** A timed run that counts: its rate, p99 and latencies are kept. */
    void measure(int clients, int seconds) throws Exception {
        Recorder latencies = new Recorder(3);
        long done = run(clients, seconds, latencies);
        Histogram histogram = latencies.getIntervalHistogram();
        rates.add(done / (double) seconds);
        p99s.add(histogram.getValueAtPercentile(99) / 1000.0);
        all.add(histogram);
        Bench.log("  run %d %s: %,.0f searches/s, p50 %.1f ms, p99 %.1f ms", rates.size(), what, rates.get(rates.size() - 1),
                histogram.getValueAtPercentile(50) / 1000.0, p99s.get(p99s.size() - 1));
    }

    /** {@code clients} threads sending the requests for {@code seconds}; how many were sent. */
    long run(int clients, int seconds, Recorder latencies) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong count = new AtomicLong();
        AtomicLong next = new AtomicLong();
        Bench.parallel(clients, () -> {
            while (System.nanoTime() < deadline) {
                T request = requests.get((int) (next.getAndIncrement() % requests.size()));
                long started = System.nanoTime();
                call.send(request);
                latencies.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                count.incrementAndGet();
            }
        });
        return count.get();
    }

    Bench.Latency latency(int clients) {
        return new Bench.Latency(clients, rates, all, p99s);
    }
}
