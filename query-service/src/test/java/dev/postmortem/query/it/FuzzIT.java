package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.AuthorizationMatrix;
import dev.postmortem.localstack.junit.FuzzCampaign;
import dev.postmortem.localstack.junit.FuzzRequest;
import dev.postmortem.localstack.junit.Gen;
import dev.postmortem.localstack.junit.HostileInputs;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.InProcessService;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.Pause;
import dev.postmortem.localstack.junit.ServiceProcess;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.query.QueryServiceApplication;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.search.SearchIndex;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.NumberUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 7, read side: a fuzz campaign over every query-service endpoint — Elasticsearch query syntax in
 * {@code q}, MongoDB operators in every filter ({@code severity[$gt]=}, {@code tag={"$ne":null}}), paging, versions
 * and dates that are negative, huge or not numbers, hostile ids and headers — mixed with valid values. Whatever is
 * sent: no 5xx, every 4xx a problem+json document, and a rejected request changes no view and starts no rebuild.
 * command-service runs from its jar (it writes the one post-mortem the campaign reads), query-service in this JVM,
 * both on 127.0.0.1 against the shared local stack.
 *
 * <p>One well-formed input is left out on purpose: a {@code minVersion} above the version the view has. That is not
 * an error but read-your-writes: the answer waits for the view and is the documented 503 {@code view-behind} with
 * Retry-After ({@link #aVersionAheadOfTheViewIsTheDocumentedRetryLater()} holds it to that).
 *
 * <p>Each test runs its tries in a loop through {@link FuzzCampaign#run}: the run's seed is printed at the start and
 * with any failure (with the try and the whole request), and {@code -Dfuzz.seed=...} replays it. Failing requests
 * are not shrunk: a shrinker would resend requests against views that have moved on.
 */
class FuzzIT {

    private static final FuzzCampaign CAMPAIGN = new FuzzCampaign("query-service FuzzIT", Duration.ofMinutes(7));

    private static ServiceProcess commandService;
    private static ConfigurableApplicationContext service;
    private static HttpApi api;
    private static MongoTemplate mongo;
    private static SearchIndex searchIndex;
    private static String targetId;
    private static long targetVersion;
    private static Map<String, List<Document>> readModelBefore;

    /** Every endpoint: "METHOD /path" → its query parameters and valid values of each. */
    static final Map<String, Map<String, Gen<String>>> ENDPOINTS = endpoints();

    @BeforeAll
    static void startServices() {
        commandService = ServiceProcess.commandService(LocalStackExtension.shared(), Path.of("target"), "--postmortem.followup.enabled=false");
        service = InProcessService.start(QueryServiceApplication.class, LocalStackExtension.shared(), "--postmortem.query.read-your-writes-timeout=2s");
        api = new HttpApi(InProcessService.baseUrl(service)).as(TestUsers.ADMIN);
        mongo = service.getBean(MongoTemplate.class);
        searchIndex = service.getBean(SearchIndex.class);

        HttpApi commands = new HttpApi(commandService.baseUrl()).as(TestUsers.ADMIN);
        targetId = commands.post("/api/postmortems", "{\"title\":\"Fuzz target: the cache stampede\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + targetId;
        commands.put(pm + "/severity", "{\"level\":\"SEV2\"}").ok();
        commands.put(pm + "/tags", "{\"tags\":[\"cache\",\"fuzz\"]}").ok();
        commands.put(pm + "/times/start", "{\"at\":\"2026-11-20T10:00:00Z\"}").ok();
        commands.post(pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:07:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert fired\"}").ok();
        String countermeasure = commands.post(pm + "/countermeasures", "{\"title\":\"Jitter the expiry\",\"priority\":\"HIGH\",\"type\":\"PREVENTIVE\"}")
                                        .ok().body().path("id").asText();
        targetVersion = commands.put(pm + "/countermeasures/" + countermeasure + "/assignment",
                "{\"owner\":\"Ana\",\"targetDate\":\"2031-01-01\"}").ok().version();
        // The views, the search index and the KPI facts have all caught up before the campaign starts.
        Instant deadline = Instant.now().plusSeconds(60);
        while (api.get(pm + "?minVersion=" + targetVersion).status() != 200) {
            assertThat(Instant.now()).as("the view of the target reaches version %d", targetVersion).isBefore(deadline);
        }
        // The search projection creates the index and its alias with the first event it indexes, and the fingerprint
        // around each request includes them: the campaign starts once the target can be found.
        Instant searchable = Instant.now().plusSeconds(60);
        while (!api.get("/api/search?q=stampede").ok().body().path("hits").findValuesAsText("id").contains(targetId)) {
            assertThat(Instant.now()).as("the search index finds the target").isBefore(searchable);
            Pause.of(Duration.ofSeconds(1));
        }
        awaitQuietReadModel();
    }

    @AfterAll
    static void stopServices() {
        // The figures RELIABILITY.md reports.
        System.out.println(CAMPAIGN.figures());
        if (service != null) {
            service.close();
        }
        if (commandService != null) {
            commandService.close();
        }
    }

    /** The whole read model is compared around each test; the cheap fingerprint around each request. */
    @BeforeEach
    void rememberTheReadModel() {
        readModelBefore = ReadModelSnapshot.of(mongo);
    }

    @AfterEach
    void theReadModelIsUnchanged() {
        assertThat(ReadModelSnapshot.of(mongo)).as("the read model after the test").isEqualTo(readModelBefore);
    }

    @Test
    void theCampaignCoversEveryEndpoint() {
        RequestMappingHandlerMapping mappings = service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        FuzzCampaign.assertCoversEveryEndpoint(ENDPOINTS.keySet(), AuthorizationMatrix.registered(mappings), api);
    }

    @Test
    void aVersionAheadOfTheViewIsTheDocumentedRetryLater() {
        HttpApi.Response response = new HttpApi(InProcessService.baseUrl(service)).as(TestUsers.ADMIN)
                .get("/api/postmortems/" + targetId + "?minVersion=" + (targetVersion + 1_000_000));
        response.problem(503);
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    /** Any endpoint, any mix of valid and hostile parameters, path variables and headers. */
    @Test
    void anyRequestIsAnsweredWellAndARejectedOneChangesNothing() {
        CAMPAIGN.run("anyRequestIsAnsweredWellAndARejectedOneChangesNothing", 2_000, anyRequest(), FuzzIT::sendAndCheck);
    }

    /** Search with query syntax in {@code q} and operator shapes in every filter, always. */
    @Test
    void searchSyntaxAndOperatorsAreHarmless() {
        CAMPAIGN.run("searchSyntaxAndOperatorsAreHarmless", 700, hostileSearch(), FuzzIT::sendAndCheck);
    }

    /** Hostile ids and headers (Accept, If-None-Match, ...) on every endpoint. */
    @Test
    void hostilePathsAndHeadersAreRefusedAsProblems() {
        CAMPAIGN.run("hostilePathsAndHeadersAreRefusedAsProblems", 500, hostilePathOrHeader(), FuzzIT::sendAndCheck);
    }

    private static void sendAndCheck(FuzzRequest request) {
        CAMPAIGN.withinBudget();
        Map<String, Long> before = fingerprint();
        CAMPAIGN.sendCheckingRefusals(request, api, refusal -> assertThat(fingerprint())
                .as("views and search index after %s to %s", refusal, request.line()).isEqualTo(before));
    }

    /**
     * Documents per read-model collection, and the index the search alias points at (a rebuild switches it to a new
     * one): what a write or a rebuild would change, cheap enough to take around every request.
     */
    private static Map<String, Long> fingerprint() {
        Map<String, Long> fingerprint = new TreeMap<>();
        for (String collection : ProjectionCollections.LIVE.all()) {
            fingerprint.put(collection, mongo.getCollection(collection).countDocuments());
        }
        try {
            searchIndex.currentIndexes().forEach(index -> fingerprint.put("search index " + index, 1L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fingerprint;
    }

    /** Waits (bounded) until two snapshots of the read model a second apart are equal: the projections are idle. */
    private static void awaitQuietReadModel() {
        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, List<Document>> last = ReadModelSnapshot.of(mongo);
        while (Instant.now().isBefore(deadline)) {
            Pause.of(Duration.ofSeconds(1));
            Map<String, List<Document>> now = ReadModelSnapshot.of(mongo);
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
        throw new IllegalStateException("the read model kept changing for a minute before the campaign");
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    Gen<FuzzRequest> anyRequest() {
        return requests(2, 4, 1, 0.75);
    }

    Gen<FuzzRequest> hostileSearch() {
        Map<String, Gen<String>> search = ENDPOINTS.get("GET /api/search");
        Gen<String> syntax = Gen.frequency(Gen.weighted(3, Gen.of("title:*", "a AND (b OR", "/.*/", "\\", "~", "^10", "*:*", "_exists_:title", "title:/.*/", "[* TO *]", "\"unclosed",
                        "cache~", "cache^1e9", "(((((((((((((((((((((((((((", "a OR b OR c OR d OR e OR f OR g OR h OR i OR j OR k",
                        "{\"query\":{\"match_all\":{}}}", "{\"$ne\":null}", "{\"$where\":\"1\"}", "*".repeat(500), "?".repeat(499))),
                Gen.weighted(2, HostileInputs.queryValues()));
        Map<String, Gen<String>> hostile = new LinkedHashMap<>();
        search.keySet().forEach(name -> hostile.put(name, name.equals("q") ? syntax : HostileInputs.queryValues()));
        Gen<String> queries = FuzzRequest.queries(hostile);
        Gen<String> operators = operatorParameters();
        Gen<List<String>> headers = headers(0.9);
        return random -> {
            String query = queries.next(random);
            String operatorQuery = operators.next(random);
            return new FuzzRequest("GET", "/api/search" + join(query, operatorQuery), headers.next(random), null);
        };
    }

    Gen<FuzzRequest> hostilePathOrHeader() {
        return requests(20, 1, 0, 0.3);
    }

    /**
     * Requests to any endpoint.
     *
     * @param hostilePath    weight of a hostile value for each path variable (against 5 for a valid one)
     * @param hostileQuery   weight of a hostile value for each parameter (against 5 for a valid one)
     * @param operators      weight of operator-shaped extra parameters (against 4 for none)
     * @param headersAbsent  how likely each header is left out
     */
    private static Gen<FuzzRequest> requests(int hostilePath, int hostileQuery, int operators, double headersAbsent) {
        Gen<String> endpoints = anyEndpoint();
        Gen<List<String>> headers = headers(headersAbsent);
        return random -> {
            String endpoint = endpoints.next(random);
            String path = path(endpoint, hostilePath).next(random);
            String query = query(endpoint, hostileQuery, operators).next(random);
            List<String> chosenHeaders = headers.next(random);
            return new FuzzRequest(FuzzRequest.method(endpoint), path + withoutWaits(path, query), chosenHeaders, null);
        };
    }

    /**
     * Endpoints, the rebuild rarely: a successful one takes seconds (a 4xx one must not start at all). The dead-letter
     * retries are as cheap as reads: the campaign's stack has no parked records, so there is nothing to send back.
     */
    private static Gen<String> anyEndpoint() {
        List<String> reads = ENDPOINTS.keySet().stream().filter(endpoint -> !endpoint.equals("POST /api/admin/rebuild")).toList();
        return Gen.frequency(Gen.weighted(60, Gen.of(reads)), Gen.weighted(1, Gen.constant("POST /api/admin/rebuild")));
    }

    private static Gen<String> path(String endpoint, int hostile) {
        return FuzzRequest.paths(endpoint.substring(endpoint.indexOf(' ') + 1), name -> Gen.frequency(
                Gen.weighted(5, Gen.constant(targetId)), Gen.weighted(hostile, HostileInputs.pathSegments())));
    }

    /** The endpoint's parameters, each valid or (weight {@code hostile} against 5) hostile, and sometimes operator-shaped ones besides. */
    private static Gen<String> query(String endpoint, int hostile, int operators) {
        Map<String, Gen<String>> parameters = new LinkedHashMap<>();
        ENDPOINTS.get(endpoint).forEach((name, valid) -> parameters.put(name, Gen.frequency(Gen.weighted(5, valid),
                Gen.weighted(hostile, HostileInputs.queryValues()))));
        Gen<String> extra = operators == 0 ? Gen.constant("")
                : Gen.frequency(Gen.weighted(4, Gen.constant("")), Gen.weighted(operators, operatorParameters()));
        Gen<String> queries = FuzzRequest.queries(parameters);
        return random -> {
            String query = queries.next(random);
            return join(query, extra.next(random));
        };
    }

    /**
     * The query without a well-formed {@code minVersion} the view has not reached — above the target's version, or
     * any for a path that names no view (see the class comment). Read as Spring reads it (hex, trimmed, ...).
     */
    private static String withoutWaits(String path, String query) {
        if (query.isEmpty()) {
            return query;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : query.substring(1).split("&")) {
            if (!parameter.startsWith("minVersion=") || !wouldWait(path, URLDecoder.decode(parameter.substring(11), StandardCharsets.UTF_8))) {
                kept.add(parameter);
            }
        }
        return kept.isEmpty() ? "" : "?" + String.join("&", kept);
    }

    private static boolean wouldWait(String path, String minVersion) {
        long version;
        try {
            version = NumberUtils.parseNumber(minVersion.strip(), Long.class);
        } catch (IllegalArgumentException notAVersion) {
            return false;
        }
        return version >= 0 && (version > targetVersion || !path.startsWith("/api/postmortems/" + targetId + "/") && !path.equals("/api/postmortems/" + targetId));
    }

    /** MongoDB operators the way some frameworks read them from brackets, and operator documents as values. */
    private static Gen<String> operatorParameters() {
        Map<String, Gen<String>> operators = new LinkedHashMap<>();
        for (String name : List.of("severity[$gt]", "tag[$ne]", "status[$regex]", "owner[$where]", "id[$ne]", "q[$exists]", "$where")) {
            operators.put(name, Gen.of("", "1", "null", ".*", "sleep(1000)", "{\"$ne\":null}"));
        }
        Map<String, Gen<String>> documents = new LinkedHashMap<>();
        for (String name : List.of("tag", "severity", "status", "owner", "postMortemId")) {
            documents.put(name, Gen.of("{\"$ne\":null}", "{\"$gt\":\"\"}", "{\"$regex\":\".*\"}", "{\"$where\":\"true\"}", "[$ne]"));
        }
        Gen<String> operatorQueries = FuzzRequest.queries(operators);
        Gen<String> documentQueries = FuzzRequest.queries(documents);
        return random -> {
            String operatorQuery = operatorQueries.next(random);
            return join(operatorQuery, documentQueries.next(random));
        };
    }

    /** Two query strings ("" or "?a=1...") as one. */
    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "&" + second.substring(1);
    }

    private static Gen<List<String>> headers(double absent) {
        Map<String, Gen<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", HostileInputs.acceptHeaders());
        // What an API client sends with a change (a cross-site form cannot): without it, a change whose body is not
        // JSON stops at the cross-site guard (403) and reaches nothing behind it.
        headers.put("X-Requested-With", Gen.of("FuzzIT", "XMLHttpRequest"));
        headers.put("If-None-Match", HostileInputs.ifMatchValues());
        headers.put("Content-Type", HostileInputs.contentTypes());
        headers.put("X-Correlation-Id", Gen.of("x".repeat(129), "x".repeat(9_000), "{\"$gt\":\"\"}", "../../etc/passwd"));
        return FuzzRequest.headers(headers, absent);
    }

    // ---- the endpoint table -------------------------------------------------------------------------------------

    private static Map<String, Map<String, Gen<String>>> endpoints() {
        Gen<String> page = Gen.integers(0, 3).map(String::valueOf);
        Gen<String> size = Gen.integers(1, 100).map(String::valueOf);
        Gen<String> version = Gen.longs(0, 8).map(String::valueOf);
        Gen<String> instant = Gen.longs(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2030-01-01T00:00:00Z").getEpochSecond()).map(seconds -> Instant.ofEpochSecond(seconds).toString());
        Gen<String> date = Gen.integers(0, 3_650).map(days -> LocalDate.of(2020, 1, 1).plusDays(days).toString());
        Gen<String> severity = Gen.of("SEV1", "SEV2", "sev3", "SEV5");
        Gen<String> status = Gen.of("DRAFT", "IN_REVIEW", "published");
        Gen<String> word = Gen.of("cache", "stampede", "fuzz", "database", "the cache", "alert fired");
        Gen<String> bool = Gen.of("true", "false");

        Map<String, Map<String, Gen<String>>> endpoints = new LinkedHashMap<>();
        String pm = "/api/postmortems/{id}";
        Map<String, Gen<String>> view = parameters("asOf", instant, "minVersion", version);
        endpoints.put("GET " + pm, view);
        endpoints.put("GET " + pm + "/export.md", view);
        endpoints.put("GET /api/postmortems", parameters("status", status, "severity", severity, "tag", word, "page", page, "size", size,
                "sort", Gen.of("lastChangedAt,desc", "createdAt", "title,asc", "severity,DESC", "incidentStart", "publishedAt,asc")));
        endpoints.put("GET " + pm + "/history", Map.of());
        endpoints.put("GET " + pm + "/diff", parameters("from", version, "to", version));
        endpoints.put("GET " + pm + "/language", Map.of());
        endpoints.put("GET " + pm + "/similar", parameters("size", Gen.integers(1, 50).map(String::valueOf)));
        endpoints.put("GET /api/search", parameters("q", word, "tag", word, "severity", severity, "status", status, "owner",
                Gen.of("Ana", "Ben"), "from", instant, "to", instant, "sort", Gen.of("relevance", "incidentStart", "lastChangedAt"),
                "page", page, "size", size, "after", Gen.of("WzEsImEiXQ==", "[1,\"a\"]")));
        endpoints.put("GET /api/countermeasures", parameters("owner", Gen.of("Ana", "Ben"), "status",
                Gen.of("PROPOSED", "ASSIGNED", "in_progress", "COMPLETED", "DECLINED"), "postMortemId",
                // read when a request is generated: the table is built before the target exists
                (Gen<String>) random -> targetId,
                "overdue", bool, "revisitDue", bool, "page", page, "size", Gen.integers(1, 200).map(String::valueOf)));
        endpoints.put("GET /api/countermeasures/owners", Map.of());
        endpoints.put("GET /api/postmortems/on-this-day", parameters("date", date, "days", Gen.integers(-1, 20).map(String::valueOf),
                "size", Gen.integers(0, 60).map(String::valueOf)));
        endpoints.put("GET /api/kpis", parameters("from", date, "to", date, "groupBy", Gen.of("month", "severity", "TAG", ""),
                "measureFrom", Gen.of("start", "detect", "first-user-impact", "hotfix"), "details", bool));
        endpoints.put("POST /api/admin/rebuild", Map.of());
        // The operator's dead letters: {id} is given the target's id (no parked record has it: 404) or a hostile one.
        endpoints.put("GET /api/admin/dead-letters", parameters("postMortemId", (Gen<String>) random -> targetId, "page", page,
                "size", size));
        endpoints.put("POST /api/admin/dead-letters/{id}/retry", Map.of());
        endpoints.put("POST /api/admin/dead-letters/retry", parameters("postMortemId", (Gen<String>) random -> targetId));
        // The notifier's outbox: {id} as above (no message has it: 404).
        endpoints.put("GET /api/admin/notifications", parameters("status", Gen.of("PENDING", "SENT", "DEAD", "dead", "LOST", ""),
                "postMortemId", (Gen<String>) random -> targetId, "page", page, "size", size));
        endpoints.put("GET /api/admin/notifications/{id}", Map.of());
        endpoints.put("POST /api/admin/notifications/{id}/resend", Map.of());
        endpoints.put("POST /api/admin/notifications/digest", Map.of());
        endpoints.put("POST /api/admin/notifications/resurface", Map.of());
        return endpoints;
    }

    private static Map<String, Gen<String>> parameters(Object... namesAndValues) {
        Map<String, Gen<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Gen<String> value = (Gen<String>) namesAndValues[i + 1];
            parameters.put((String) namesAndValues[i], value);
        }
        return parameters;
    }
}
