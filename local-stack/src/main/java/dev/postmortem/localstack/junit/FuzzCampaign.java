package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every answer of a fuzz campaign must be, and the campaign's figures. Whatever was sent, the service answers
 * below 500, and every 4xx is an RFC 9457 problem ({@code application/problem+json} whose {@code status} is the HTTP
 * status, with a {@code title}). The campaign has a time budget: a try that starts after it fails, so a service
 * that slows to a crawl under hostile input fails the test instead of hanging the build.
 *
 * <p>The campaign has one seed per run: the system property {@value #SEED_PROPERTY} if set, else a random one. It is
 * printed when the campaign starts, in its figures and in every failure, with the test and try that failed and the
 * request: {@code -Dfuzz.seed=<seed>} sends the same requests again, in the same order (the answers may still differ
 * where they depend on ids, the clock or other tests' data). Nothing shrinks a failing request; it is printed whole.
 */
public final class FuzzCampaign {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 300;

    /** The system property that replays a run: {@code -Dfuzz.seed=<the seed a run printed>}. */
    public static final String SEED_PROPERTY = "fuzz.seed";

    private final String name;
    private final Instant started = Instant.now();
    private final Instant deadline;
    private final Map<Integer, AtomicLong> byStatus = new TreeMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong writeChecks = new AtomicLong();
    private final long seed;

    public FuzzCampaign(String name, Duration budget) {
        this.name = name;
        this.deadline = started.plus(budget);
        this.seed = seed(System.getProperty(SEED_PROPERTY));
        System.out.println(name + ": seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")");
    }

    /** The given seed, or a new random one when none is given (a blank value counts as none). */
    static long seed(String property) {
        if (property == null || property.isBlank()) {
            return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        }
        try {
            return Long.parseLong(property.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + " is not a long: " + property, e);
        }
    }

    public long seed() {
        return seed;
    }

    /**
     * Runs one test of the campaign: {@code tries} times, draws a request from {@code requests} and hands it to
     * {@code check}, which sends it and asserts. The test's random source is seeded from the campaign's seed and the
     * test's name (so that the tests of a campaign do not draw the same sequence, and one test replays alone). A
     * failure is rethrown with the test, the try, the seed and the whole request in its message.
     */
    public <T> void run(String test, int tries, Gen<T> requests, Consumer<? super T> check) {
        SplittableRandom random = new SplittableRandom(seed ^ test.hashCode());
        for (int attempt = 1; attempt <= tries; attempt++) {
            T request = null;
            try {
                request = requests.next(random);
                check.accept(request);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("%s, %s: try %d of %d failed (seed %d, replay with -D%s=%d)%nrequest: %s%n%s".formatted(
                        name, test, attempt, tries, seed, SEED_PROPERTY, seed, request == null ? "(not generated)" : request,
                        e.getMessage()), e);
            }
        }
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
     * @param request what was sent, for the failure message ({@link #run} adds the try, the seed and the whole request)
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
        return "%s (seed %d): %d requests in %d s; by class %s; by status %s; %d rejected (4xx), %d of them checked to have written nothing"
                .formatted(name, seed, requests.get(), Duration.between(started, Instant.now()).toSeconds(), byClass, statuses,
                        byClass.getOrDefault("4xx", 0L), writeChecks.get());
    }
}
