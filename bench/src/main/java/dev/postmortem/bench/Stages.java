package dev.postmortem.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an event's time goes between its storing and a projection's write, from the services' own histograms:
 * {@code postmortem_publisher_delay_seconds} (stored → acknowledged by Kafka) and
 * {@code postmortem_projection_delay_seconds} per projection (sent → delivered to it, sent → written by it), taken as
 * the difference of two snapshots, so that only the events in between count.
 */
final class Stages {

    private static final String PUBLISHER = "postmortem_publisher_delay_seconds";
    private static final String PROJECTIONS = "postmortem_projection_delay_seconds";

    private final SystemUnderTest system;
    private final Map<String, TreeMap<Double, Double>> publisher;
    private final Map<String, TreeMap<Double, Double>> projections;

    private Stages(SystemUnderTest system) {
        this.system = system;
        this.publisher = Metrics.buckets(system.commandService(), PUBLISHER);
        this.projections = Metrics.buckets(system.queryService(), PROJECTIONS);
    }

    static Stages before(SystemUnderTest system) {
        return new Stages(system);
    }

    /** Each stage's p50 and p99 in ms over the events since {@link #before}, publisher first. */
    Map<String, double[]> after() {
        Map<String, double[]> stages = new LinkedHashMap<>();
        add(stages, "published", publisher, Metrics.buckets(system.commandService(), PUBLISHER));
        add(stages, "", projections, Metrics.buckets(system.queryService(), PROJECTIONS));
        return stages;
    }

    private static void add(Map<String, double[]> stages, String name, Map<String, TreeMap<Double, Double>> before,
                            Map<String, TreeMap<Double, Double>> after) {
        after.forEach((series, buckets) -> stages.put(name.isEmpty() ? series : name + (series.isEmpty() ? "" : " " + series),
                new double[]{1000 * Metrics.percentile(before.get(series), buckets, 50), 1000 * Metrics.percentile(before.get(series), buckets, 99)}));
    }
}
