package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.FuzzCampaign;
import dev.postmortem.localstack.junit.FuzzRequest;
import dev.postmortem.localstack.junit.HostileInputs;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.search.SearchIndex;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.NumberUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
 * <p>jqwik picks a new seed per run and prints it with any failure. Shrinking is off: jqwik bounds it in time by
 * abandoning a thread that is still sending requests, which then spoil the next property's checks.
 */
@PropertyDefaults(shrinking = ShrinkingMode.OFF)
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
    static final Map<String, Map<String, Arbitrary<String>>> ENDPOINTS = endpoints();

    @BeforeContainer
    static void startServices() {
        commandService = ServiceProcess.commandService(LocalStackExtension.shared(), Path.of("target"), "--postmortem.followup.enabled=false");
        service = QueryServiceRunner.start(LocalStackExtension.shared(), "--postmortem.query.read-your-writes-timeout=2s");
        api = new HttpApi(QueryServiceRunner.baseUrl(service)).as(TestUsers.ADMIN);
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
        awaitQuietReadModel();
    }

    @AfterContainer
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

    /** The whole read model is compared around each property; the cheap fingerprint around each request. */
    @BeforeProperty
    void rememberTheReadModel() {
        readModelBefore = ReadModelSnapshot.of(mongo);
    }

    @AfterProperty
    void theReadModelIsUnchanged() {
        assertThat(ReadModelSnapshot.of(mongo)).as("the read model after the property").isEqualTo(readModelBefore);
    }

    @Example
    void theCampaignCoversEveryEndpoint() {
        RequestMappingHandlerMapping mappings = service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        assertThat(new TreeSet<>(ENDPOINTS.keySet())).as("the fuzzed endpoints are exactly the registered ones")
                                                    .isEqualTo(AuthorizationMatrixIT.registered(mappings));
        Set<String> documented = new TreeSet<>();
        api.get("/v3/api-docs").ok().body().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).as("and the OpenAPI document lists the same").isEqualTo(new TreeSet<>(ENDPOINTS.keySet()));
    }

    @Example
    void aVersionAheadOfTheViewIsTheDocumentedRetryLater() {
        HttpApi.Response response = new HttpApi(QueryServiceRunner.baseUrl(service)).as(TestUsers.ADMIN)
                .get("/api/postmortems/" + targetId + "?minVersion=" + (targetVersion + 1_000_000));
        response.problem(503);
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    /** Any endpoint, any mix of valid and hostile parameters, path variables and headers. */
    @Property(tries = 2_000)
    void anyRequestIsAnsweredWellAndARejectedOneChangesNothing(@ForAll("anyRequest") FuzzRequest request) {
        sendAndCheck(request);
    }

    /** Search with query syntax in {@code q} and operator shapes in every filter, always. */
    @Property(tries = 700)
    void searchSyntaxAndOperatorsAreHarmless(@ForAll("hostileSearch") FuzzRequest request) {
        sendAndCheck(request);
    }

    /** Hostile ids and headers (Accept, If-None-Match, ...) on every endpoint. */
    @Property(tries = 500)
    void hostilePathsAndHeadersAreRefusedAsProblems(@ForAll("hostilePathOrHeader") FuzzRequest request) {
        sendAndCheck(request);
    }

    private static void sendAndCheck(FuzzRequest request) {
        CAMPAIGN.withinBudget();
        Map<String, Long> before = fingerprint();
        HttpApi.Response response = CAMPAIGN.check(request.line(), request.sendWith(api));
        if (response.status() >= 400) {
            assertThat(fingerprint()).as("views and search index after the %d to %s", response.status(), request.line()).isEqualTo(before);
            CAMPAIGN.countWriteCheck();
        }
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
            pause();
            Map<String, List<Document>> now = ReadModelSnapshot.of(mongo);
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
        throw new IllegalStateException("the read model kept changing for a minute before the campaign");
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<FuzzRequest> anyRequest() {
        return anyEndpoint().flatMap(endpoint -> Combinators.combine(path(endpoint, 2), query(endpoint, 4, 1), headers(0.75))
                .as((path, query, headers) -> new FuzzRequest(method(endpoint), path + withoutWaits(path, query), headers, null)));
    }

    @Provide
    Arbitrary<FuzzRequest> hostileSearch() {
        Map<String, Arbitrary<String>> search = ENDPOINTS.get("GET /api/search");
        Arbitrary<String> syntax = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("title:*", "a AND (b OR", "/.*/", "\\", "~", "^10", "*:*", "_exists_:title", "title:/.*/", "[* TO *]", "\"unclosed",
                        "cache~", "cache^1e9", "(((((((((((((((((((((((((((", "a OR b OR c OR d OR e OR f OR g OR h OR i OR j OR k",
                        "{\"query\":{\"match_all\":{}}}", "{\"$ne\":null}", "{\"$where\":\"1\"}", "*".repeat(500), "?".repeat(499))),
                Tuple.of(2, HostileInputs.queryValues()));
        Map<String, Arbitrary<String>> hostile = new LinkedHashMap<>();
        search.keySet().forEach(name -> hostile.put(name, name.equals("q") ? syntax : HostileInputs.queryValues()));
        return Combinators.combine(FuzzRequest.queries(hostile), operatorParameters(), headers(0.9))
                          .as((query, operators, headers) -> new FuzzRequest("GET", "/api/search" + join(query, operators), headers, null));
    }

    @Provide
    Arbitrary<FuzzRequest> hostilePathOrHeader() {
        return anyEndpoint().flatMap(endpoint -> Combinators.combine(path(endpoint, 20), query(endpoint, 1, 0), headers(0.3))
                .as((path, query, headers) -> new FuzzRequest(method(endpoint), path + withoutWaits(path, query), headers, null)));
    }

    /** Endpoints, the rebuild rarely: a successful one takes seconds (a 4xx one must not start at all). */
    private static Arbitrary<String> anyEndpoint() {
        List<String> reads = ENDPOINTS.keySet().stream().filter(endpoint -> !endpoint.startsWith("POST")).toList();
        return Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.of(reads)), Tuple.of(1, Arbitraries.just("POST /api/admin/rebuild")));
    }

    private static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    private static Arbitrary<String> path(String endpoint, int hostile) {
        return FuzzRequest.paths(endpoint.substring(endpoint.indexOf(' ') + 1), name -> Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(targetId)), Tuple.of(hostile, HostileInputs.pathSegments())));
    }

    /** The endpoint's parameters, each valid or (weight {@code hostile} against 5) hostile, and sometimes operator-shaped ones besides. */
    private static Arbitrary<String> query(String endpoint, int hostile, int operators) {
        Map<String, Arbitrary<String>> parameters = new LinkedHashMap<>();
        ENDPOINTS.get(endpoint).forEach((name, valid) -> parameters.put(name, Arbitraries.frequencyOf(Tuple.of(5, valid),
                Tuple.of(hostile, HostileInputs.queryValues()))));
        Arbitrary<String> extra = operators == 0 ? Arbitraries.just("")
                : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")), Tuple.of(operators, operatorParameters()));
        return Combinators.combine(FuzzRequest.queries(parameters), extra).as(FuzzIT::join);
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
    private static Arbitrary<String> operatorParameters() {
        Map<String, Arbitrary<String>> operators = new LinkedHashMap<>();
        for (String name : List.of("severity[$gt]", "tag[$ne]", "status[$regex]", "owner[$where]", "id[$ne]", "q[$exists]", "$where")) {
            operators.put(name, Arbitraries.of("", "1", "null", ".*", "sleep(1000)", "{\"$ne\":null}"));
        }
        Map<String, Arbitrary<String>> documents = new LinkedHashMap<>();
        for (String name : List.of("tag", "severity", "status", "owner", "postMortemId")) {
            documents.put(name, Arbitraries.of("{\"$ne\":null}", "{\"$gt\":\"\"}", "{\"$regex\":\".*\"}", "{\"$where\":\"true\"}", "[$ne]"));
        }
        return Combinators.combine(FuzzRequest.queries(operators), FuzzRequest.queries(documents)).as(FuzzIT::join);
    }

    /** Two query strings ("" or "?a=1...") as one. */
    private static String join(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "&" + second.substring(1);
    }

    private static Arbitrary<List<String>> headers(double absent) {
        Map<String, Arbitrary<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", HostileInputs.acceptHeaders());
        headers.put("If-None-Match", HostileInputs.ifMatchValues());
        headers.put("Content-Type", HostileInputs.contentTypes());
        headers.put("X-Correlation-Id", Arbitraries.of("x".repeat(129), "x".repeat(9_000), "{\"$gt\":\"\"}", "../../etc/passwd"));
        return FuzzRequest.headers(headers, absent);
    }

    // ---- the endpoint table -------------------------------------------------------------------------------------

    private static Map<String, Map<String, Arbitrary<String>>> endpoints() {
        Arbitrary<String> page = Arbitraries.integers().between(0, 3).map(String::valueOf);
        Arbitrary<String> size = Arbitraries.integers().between(1, 100).map(String::valueOf);
        Arbitrary<String> version = Arbitraries.longs().between(0, 8).map(String::valueOf);
        Arbitrary<String> instant = Arbitraries.longs().between(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2030-01-01T00:00:00Z").getEpochSecond()).map(seconds -> Instant.ofEpochSecond(seconds).toString());
        Arbitrary<String> date = Arbitraries.integers().between(0, 3_650).map(days -> LocalDate.of(2020, 1, 1).plusDays(days).toString());
        Arbitrary<String> severity = Arbitraries.of("SEV1", "SEV2", "sev3", "SEV5");
        Arbitrary<String> status = Arbitraries.of("DRAFT", "IN_REVIEW", "published");
        Arbitrary<String> word = Arbitraries.of("cache", "stampede", "fuzz", "database", "the cache", "alert fired");
        Arbitrary<String> bool = Arbitraries.of("true", "false");

        Map<String, Map<String, Arbitrary<String>>> endpoints = new LinkedHashMap<>();
        String pm = "/api/postmortems/{id}";
        Map<String, Arbitrary<String>> view = parameters("asOf", instant, "minVersion", version);
        endpoints.put("GET " + pm, view);
        endpoints.put("GET " + pm + "/export.md", view);
        endpoints.put("GET /api/postmortems", parameters("status", status, "severity", severity, "tag", word, "page", page, "size", size,
                "sort", Arbitraries.of("lastChangedAt,desc", "createdAt", "title,asc", "severity,DESC", "incidentStart", "publishedAt,asc")));
        endpoints.put("GET " + pm + "/history", Map.of());
        endpoints.put("GET " + pm + "/diff", parameters("from", version, "to", version));
        endpoints.put("GET " + pm + "/language", Map.of());
        endpoints.put("GET " + pm + "/similar", parameters("size", Arbitraries.integers().between(1, 50).map(String::valueOf)));
        endpoints.put("GET /api/search", parameters("q", word, "tag", word, "severity", severity, "status", status, "owner",
                Arbitraries.of("Ana", "Ben"), "from", instant, "to", instant, "sort", Arbitraries.of("relevance", "incidentStart", "lastChangedAt"),
                "page", page, "size", size, "after", Arbitraries.of("WzEsImEiXQ==", "[1,\"a\"]")));
        endpoints.put("GET /api/countermeasures", parameters("owner", Arbitraries.of("Ana", "Ben"), "status",
                Arbitraries.of("PROPOSED", "ASSIGNED", "in_progress", "COMPLETED", "DECLINED"), "postMortemId", Arbitraries.lazy(() -> Arbitraries.just(targetId)),
                "overdue", bool, "revisitDue", bool, "page", page, "size", Arbitraries.integers().between(1, 200).map(String::valueOf)));
        endpoints.put("GET /api/countermeasures/owners", Map.of());
        endpoints.put("GET /api/kpis", parameters("from", date, "to", date, "groupBy", Arbitraries.of("month", "severity", "TAG", ""),
                "measureFrom", Arbitraries.of("start", "detect", "first-user-impact", "hotfix"), "details", bool));
        endpoints.put("POST /api/admin/rebuild", Map.of());
        return endpoints;
    }

    private static Map<String, Arbitrary<String>> parameters(Object... namesAndValues) {
        Map<String, Arbitrary<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Arbitrary<String> value = (Arbitrary<String>) namesAndValues[i + 1];
            parameters.put((String) namesAndValues[i], value);
        }
        return parameters;
    }
}
