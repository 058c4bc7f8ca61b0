package dev.postmortem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Heap (from the service's own Prometheus endpoint) and RSS (from /proc) every 2 s while it runs. */
final class MemorySampler {

    private final List<SystemUnderTest.Service> services;
    private final Map<String, List<double[]>> samples = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread thread;

    MemorySampler(List<SystemUnderTest.Service> services) {
        this.services = services;
    }

    void start() {
        thread = new Thread(() -> {
            while (running.get()) {
                for (SystemUnderTest.Service service : services) {
                    try {
                        samples.computeIfAbsent(service.name(), k -> new CopyOnWriteArrayList<>())
                               .add(new double[]{heapMb(service), rssMb(service.pid())});
                    } catch (RuntimeException ignored) {
                        // a missed sample
                    }
                }
                Bench.sleep(2000);
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    Map<String, Bench.Memory> stop() throws InterruptedException {
        running.set(false);
        thread.join();
        Map<String, Bench.Memory> result = new LinkedHashMap<>();
        samples.forEach((service, values) -> {
            List<Double> heap = values.stream().map(v -> v[0]).sorted().toList();
            List<Double> rss = values.stream().map(v -> v[1]).sorted().toList();
            result.put(service, new Bench.Memory(heap.get(heap.size() - 1), heap.get(heap.size() / 2),
                    rss.get(rss.size() - 1), rss.get(rss.size() / 2)));
        });
        return result;
    }

    private static double heapMb(SystemUnderTest.Service service) {
        return Metrics.read(service, "jvm_memory_used_bytes", "area").getOrDefault("heap", 0.0) / (1024 * 1024);
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
