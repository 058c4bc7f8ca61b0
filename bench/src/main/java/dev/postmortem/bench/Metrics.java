package dev.postmortem.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's Prometheus metrics (the text format of {@code /actuator/prometheus}). */
final class Metrics {

    private Metrics() {
    }

    /**
     * The samples of {@code metric}, summed per value of {@code label} — e.g. {@code jvm_memory_used_bytes} by
     * {@code area} gives heap and nonheap, each the sum over its memory pools.
     */
    static Map<String, Double> read(SystemUnderTest.Service service, String metric, String label) {
        String text = scrape(service);
        Pattern labelValue = Pattern.compile("[{,]" + Pattern.quote(label) + "=\"([^\"]*)\"");
        Map<String, Double> sums = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            Matcher matcher = labelValue.matcher(line.substring(0, line.lastIndexOf('}') + 1));
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (matcher.find() && !Double.isNaN(value)) {
                sums.merge(matcher.group(1), value, Double::sum);
            }
        }
        return sums;
    }

    /**
     * The cumulative bucket counts of a histogram ({@code <metric>_bucket{…,le="0.05"} 12}) per series, the series named
     * by its labels other than {@code le} and {@code application}; bounds in seconds, ascending.
     */
    static Map<String, TreeMap<Double, Double>> buckets(SystemUnderTest.Service service, String metric) {
        Pattern line = Pattern.compile(Pattern.quote(metric) + "_bucket\\{(.*)} (\\S+)");
        Pattern le = Pattern.compile(",?le=\"([^\"]*)\"");
        Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
        for (String text : scrape(service).split("\n")) {
            Matcher matched = line.matcher(text);
            if (!matched.matches()) {
                continue;
            }
            Matcher bound = le.matcher(matched.group(1));
            if (bound.find()) {
                String labels = bound.replaceFirst("").replaceAll(",?application=\"[^\"]*\"", "").replaceFirst("^,", "");
                double upper = bound.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound.group(1));
                series.computeIfAbsent(labels, key -> new TreeMap<>()).put(upper, Double.parseDouble(matched.group(2)));
            }
        }
        return series;
    }

    /**
     * The value at {@code percentile} of what a histogram counted between two snapshots of its {@link #buckets}: the
     * upper bound of the bucket it falls in (so within one bucket's width, about a tenth to a third at these bounds);
     * NaN when nothing was counted.
     */
    static double percentile(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double percentile) {
        double total = after.lastEntry().getValue() - (before == null ? 0 : before.lastEntry().getValue());
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double counted = bucket.getValue() - (before == null ? 0 : before.getOrDefault(bucket.getKey(), 0.0));
            if (counted >= total * percentile / 100) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static String scrape(SystemUnderTest.Service service) {
        return new Http(service.baseUrl(), "admin", SystemUnderTest.password("admin")).ok("GET", "/actuator/prometheus", null).body();
    }
}
