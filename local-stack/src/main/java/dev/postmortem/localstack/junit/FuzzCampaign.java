package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every answer of a fuzz campaign must be, and the campaign's figures. Whatever was sent, the service answers
 * below 500, and every 4xx is an RFC 9457 problem ({@code application/problem+json} whose {@code status} is the HTTP
 * status, with a {@code title}). The campaign has a time budget: a try that starts after it fails, so a service
 * that slows to a crawl under hostile input fails the test instead of hanging the build.
 */
public final class FuzzCampaign {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 300;

    private final String name;
    private final Instant started = Instant.now();
    private final Instant deadline;
    private final Map<Integer, AtomicLong> byStatus = new TreeMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong writeChecks = new AtomicLong();

    public FuzzCampaign(String name, Duration budget) {
        this.name = name;
        this.deadline = started.plus(budget);
    }

    /** Fails once the budget is spent; call at the start of each try. */
    public void withinBudget() {
        if (Instant.now().isAfter(deadline)) {
            fail(name + " ran past its time budget of " + Duration.between(started, deadline).toSeconds() + " s after "
                    + requests.get() + " requests: " + figures());
        }
    }

    /**
     * Counts the answer and asserts it is well-behaved.
     *
     * @param request what was sent, for the failure message (jqwik prints the generated values and the seed besides)
     * @return the answer, for further checks
     */
    public HttpApi.Response check(String request, HttpApi.Response response) {
        requests.incrementAndGet();
        int status = response.status();
        synchronized (byStatus) {
            byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }
        String body = response.raw().body() == null ? "" : response.raw().body();
        String shown = body.length() > SHOWN ? body.substring(0, SHOWN) + "…" : body;
        assertThat(status).as("%s answered %d: %s", request, status, shown).isLessThan(500);
        if (status >= 400) {
            String contentType = response.header("Content-Type");
            assertThat(contentType).as("Content-Type of the %d to %s (body %s)", status, request, shown)
                                   .isNotNull()
                                   .matches("application/problem\\+json(\\s*;.*)?");
            JsonNode problem;
            try {
                problem = JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the " + status + " to " + request + " is not JSON: " + shown, e);
            }
            assertThat(problem.path("status").asInt(-1)).as("problem status of the answer to %s: %s", request, shown).isEqualTo(status);
            assertThat(problem.path("title").asText("")).as("problem title of the answer to %s: %s", request, shown).isNotBlank();
        }
        return response;
    }

    /** Counts one before/after comparison of the stored data around a rejected request. */
    public void countWriteCheck() {
        writeChecks.incrementAndGet();
    }

    public long requests() {
        return requests.get();
    }

    /** One line: requests, by status class and status, rejections, write checks and duration. */
    public String figures() {
        Map<String, Long> byClass = new TreeMap<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        synchronized (byStatus) {
            byStatus.forEach((status, count) -> {
                byClass.merge(status / 100 + "xx", count.get(), Long::sum);
                statuses.put(status, count.get());
            });
        }
        return "%s: %d requests in %d s; by class %s; by status %s; %d rejected (4xx), %d of them checked to have written nothing"
                .formatted(name, requests.get(), Duration.between(started, Instant.now()).toSeconds(), byClass, statuses,
                        byClass.getOrDefault("4xx", 0L), writeChecks.get());
    }
}
