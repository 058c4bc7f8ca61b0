package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
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
 *
 * <p>One refusal is not an answer: a request whose request line and headers are over the server's limit
 * ({@value #HEADER_LIMIT} bytes, Spring Boot's default {@code server.max-http-request-header-size}) is refused by
 * Tomcat before any application code runs. Tomcat answers 400 and closes the connection without reading the body, so a
 * client still writing one may get "Broken pipe" or "Connection reset" instead of the 400 (RFC 9112, section 9.6). For
 * such a request, and only for it, {@link #send} counts the closed connection as a refusal.
 */
public final class FuzzCampaign {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 300;

    /** The server's limit on a request's line and headers, in bytes: Spring Boot's default (8 KB). */
    public static final int HEADER_LIMIT = 8 * 1024;

    /** Room for the headers the HTTP client adds itself (Host, Content-Length, Authorization, User-Agent, Upgrade). */
    static final int CLIENT_HEADERS = 1024;

    /** The system property that replays a run: {@code -Dfuzz.seed=<the seed a run printed>}. */
    public static final String SEED_PROPERTY = "fuzz.seed";

    private final String name;
    private final Instant started = Instant.now();
    private final Instant deadline;
    private final Map<Integer, AtomicLong> byStatus = new TreeMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong writeChecks = new AtomicLong();
    private final AtomicLong closedConnections = new AtomicLong();
    private final long seed;

    public FuzzCampaign(String name, Duration budget) {
        this.name = name;
        this.deadline = started.plus(budget);
        this.seed = seed(System.getProperty(SEED_PROPERTY));
        System.out.println(name + ": seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")");
    }

    /**
     * Holds a campaign's endpoint table ({@code "METHOD /path"} keys) to the endpoints the service registered and to
     * those its OpenAPI document lists, so that an endpoint added later cannot go unfuzzed.
     */
    public static void assertCoversEveryEndpoint(Set<String> fuzzed, Set<String> registered, HttpApi api) {
        assertThat(new TreeSet<>(fuzzed)).as("the fuzzed endpoints are exactly the registered ones").isEqualTo(registered);
        Set<String> documented = new TreeSet<>();
        api.get("/v3/api-docs").ok().body().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).as("and the OpenAPI document lists the same").isEqualTo(new TreeSet<>(fuzzed));
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
                        causes(e)), e);
            }
        }
    }

    /** The message of a failure and of each of its causes: a failed exchange says why only in its cause. */
    static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(System.lineSeparator()).append("caused by ").append(cause);
        }
        return text.toString();
    }

    /**
     * Sends the request and {@link #check checks} the answer.
     *
     * @return the answer; empty when the server closed the connection on a request over its {@link #HEADER_LIMIT
     *         header limit} before the client could read the 400 (see the class comment). Any other failed exchange,
     *         and a timeout always, fails.
     */
    public Optional<HttpApi.Response> send(FuzzRequest request, HttpApi api) {
        HttpApi.Response response;
        try {
            response = request.sendWith(api);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof HttpTimeoutException || request.headerBytes() + CLIENT_HEADERS <= HEADER_LIMIT) {
                throw e;
            }
            requests.incrementAndGet();
            closedConnections.incrementAndGet();
            return Optional.empty();
        }
        return Optional.of(check(request.line(), response));
    }

    /**
     * Sends the request and checks the answer ({@link #send}); when the request was refused (a 4xx, or the connection
     * closed on headers over the limit), hands {@code checkNothingChanged} how it was refused ("the 404", "the closed
     * connection"), for a message, and counts the check once it passes.
     */
    public void sendCheckingRefusals(FuzzRequest request, HttpApi api, Consumer<String> checkNothingChanged) {
        Optional<HttpApi.Response> response = send(request, api);
        if (response.isEmpty() || response.get().status() >= 400) {
            checkNothingChanged.accept(response.map(r -> "the " + r.status()).orElse("the closed connection"));
            writeChecks.incrementAndGet();
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
        long rejected = byClass.getOrDefault("4xx", 0L) + closedConnections.get();
        return ("%s (seed %d): %d requests in %d s; by class %s; by status %s; %d connections closed on headers over %d bytes;"
                + " %d rejected (4xx or closed), %d of them checked to have written nothing")
                .formatted(name, seed, requests.get(), Duration.between(started, Instant.now()).toSeconds(), byClass, statuses,
                        closedConnections.get(), HEADER_LIMIT, rejected, writeChecks.get());
    }
}
