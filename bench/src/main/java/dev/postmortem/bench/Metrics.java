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
        String text = new Http(service.baseUrl(), "admin", SystemUnderTest.password("admin")).ok("GET", "/actuator/prometheus", null).body();
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
}
