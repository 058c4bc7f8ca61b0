package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a running service's actuator endpoints for tests: health components (as ADMIN, who sees details), the
 * liveness/readiness groups, and Prometheus samples.
 */
public final class HealthProbe {

    private final HttpApi admin;
    private final HttpApi anonymous;

    public HealthProbe(String baseUrl) {
        this.anonymous = new HttpApi(baseUrl);
        this.admin = anonymous.as(TestUsers.ADMIN);
    }

    /** The status of one component of {@code /actuator/health} (e.g. {@code db}, {@code kafka}), or MISSING. */
    public String component(String name) {
        return admin.get("/actuator/health").body().path("components").path(name).path("status").asText("MISSING");
    }

    /** The overall status and its HTTP code (200 when UP, 503 when DOWN), e.g. {@code "DOWN 503"}. */
    public String overall() {
        return statusOf("/actuator/health");
    }

    /** {@code /actuator/health/readiness}, e.g. {@code "UP 200"}; asked anonymously, as a load balancer does. */
    public String readiness() {
        return statusOf("/actuator/health/readiness");
    }

    public String liveness() {
        return statusOf("/actuator/health/liveness");
    }

    private String statusOf(String path) {
        HttpApi.Response answer = anonymous.get(path);
        return answer.body().path("status").asText("MISSING") + " " + answer.status();
    }

    /** Waits until the supplier gives the expected value, failing with the last value seen. */
    public static <T> void await(String what, Supplier<T> actual, T expected, Duration timeout) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(250))
                  .untilAsserted(() -> assertThat(actual.get()).as("%s within %s", what, timeout).isEqualTo(expected));
    }

    /** The component's status as it settles, e.g. {@code awaitComponent("kafka", "DOWN", Duration.ofSeconds(30))}. */
    public void awaitComponent(String name, String status, Duration timeout) {
        await("health component " + name, () -> component(name), status, timeout);
    }

    /** The body of {@code /actuator/prometheus}, fetched anonymously as a scraper does. */
    public String prometheus() {
        HttpApi.Response answer = anonymous.get("/actuator/prometheus");
        assertThat(answer.status()).as("GET /actuator/prometheus: %s", answer.raw().body()).isEqualTo(200);
        return answer.raw().body();
    }

    /** A sample's value: the first line of metric {@code name} whose labels contain {@code labels} (e.g. {@code processor="x"}). */
    public Optional<Double> sample(String name, String labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(prometheus());
        while (line.find()) {
            if (line.group(1).contains(labels)) {
                return Optional.of(Double.parseDouble(line.group(2)));
            }
        }
        return Optional.empty();
    }

    /** The JSON of {@code /actuator/health} as ADMIN sees it. */
    public JsonNode details() {
        return admin.get("/actuator/health").body();
    }
}
