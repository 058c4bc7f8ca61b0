package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.FuzzCampaign;
import dev.postmortem.localstack.junit.FuzzRequest;
import dev.postmortem.localstack.junit.HostileInputs;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
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
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 7: a fuzz campaign over every command-service endpoint. Thousands of requests with malformed,
 * oversized, wrong-typed, unicode-heavy and injection-shaped bodies, path variables, headers and parameters, mixed
 * with valid values so that some get through. Whatever is sent: no 5xx, every 4xx a problem+json document, and a
 * rejected request stores no event. The service runs in this JVM against the shared local stack (127.0.0.1 only).
 *
 * <p>jqwik picks a new seed per run and prints it with any failure; {@code @Property(seed = "...")} replays it.
 * Shrinking is off: jqwik bounds it in time by abandoning a shrinking thread that is still sending requests, which
 * then run beside the next property's and spoil its write checks. The failing request is printed whole instead.
 */
@PropertyDefaults(shrinking = ShrinkingMode.OFF)
class FuzzIT {

    private static final FuzzCampaign CAMPAIGN = new FuzzCampaign("command-service FuzzIT", Duration.ofMinutes(6));

    private static ConfigurableApplicationContext service;
    private static HttpApi api;
    private static JdbcTemplate jdbc;
    /** The post-mortem the valid path variables point at, and its parts. */
    private static Target target;

    record Target(String id, String entryId, String stakeholderId, String countermeasureId) {
    }

    /**
     * Every endpoint: "METHOD /path" → its body's fields and a valid JSON value of each (no entry: no body).
     * {@link #theCampaignCoversEveryEndpoint()} holds this table to the endpoints the service registered.
     */
    static final Map<String, Map<String, Arbitrary<String>>> ENDPOINTS = endpoints();

    @BeforeContainer
    static void startService() {
        // The overdue watch stays off: it would store events of its own while the campaign compares counts.
        service = CommandServiceRunner.start(LocalStackExtension.shared(), "--postmortem.followup.enabled=false");
        api = CommandServiceRunner.api(service);
        jdbc = service.getBean(JdbcTemplate.class);
        String id = api.post("/api/postmortems", "{\"title\":\"Fuzz target\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        String entry = api.post(pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:07:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert\"}")
                          .ok().body().path("id").asText();
        String stakeholder = api.post(pm + "/stakeholders", "{\"name\":\"Ana\",\"roles\":[\"RESPONDED\"]}").ok().body().path("id").asText();
        String countermeasure = api.post(pm + "/countermeasures",
                "{\"title\":\"Alert earlier\",\"priority\":\"HIGH\",\"type\":\"DETECTIVE\"}").ok().body().path("id").asText();
        target = new Target(id, entry, stakeholder, countermeasure);
    }

    @AfterContainer
    static void stopService() {
        // The figures RELIABILITY.md reports.
        System.out.println(CAMPAIGN.figures());
        if (service != null) {
            service.close();
        }
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

    /** Any endpoint, any mix of valid and hostile parts. */
    @Property(tries = 2_000)
    void anyRequestIsAnsweredWellAndARejectedOneWritesNothing(@ForAll("anyRequest") FuzzRequest request) {
        sendAndCheck(request);
    }

    /** Bodies that are not JSON at all, or broken JSON, to every endpoint that reads one. */
    @Property(tries = 600)
    void malformedBodiesAreRefusedAsProblems(@ForAll("malformedBody") FuzzRequest request) {
        sendAndCheck(request);
    }

    /** Hostile path variables and headers on every endpoint, with otherwise valid requests. */
    @Property(tries = 600)
    void hostilePathsAndHeadersAreRefusedAsProblems(@ForAll("hostilePathOrHeader") FuzzRequest request) {
        sendAndCheck(request);
    }

    private static void sendAndCheck(FuzzRequest request) {
        CAMPAIGN.withinBudget();
        long before = storedEvents();
        long lastIndex = lastGlobalIndex();
        HttpApi.Response response = CAMPAIGN.check(request.line(), request.sendWith(api));
        if (response.status() >= 400) {
            assertThat(storedEvents()).as(() -> "events stored after the " + response.status() + " to " + request.line() + ": "
                    + jdbc.queryForList("select globalindex, aggregateidentifier, sequencenumber, payloadtype, timestamp from domainevententry"
                    + " where globalindex > ? order by globalindex", lastIndex)).isEqualTo(before);
            CAMPAIGN.countWriteCheck();
        }
    }

    private static long lastGlobalIndex() {
        Long last = jdbc.queryForObject("select coalesce(max(globalindex), 0) from domainevententry", Long.class);
        return last == null ? 0 : last;
    }

    /**
     * Events a request could have stored: any on the target, and the first event of any new post-mortem. (Not the
     * whole table: other tests' services on the same database may append to post-mortems of their own meanwhile.)
     */
    private static long storedEvents() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ? or sequencenumber = 0",
                Long.class, target.id());
        return count == null ? 0 : count;
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<FuzzRequest> anyRequest() {
        return requests(2, 2, 0.6);
    }

    @Provide
    Arbitrary<FuzzRequest> malformedBody() {
        return Arbitraries.of(ENDPOINTS.keySet().stream().filter(endpoint -> !ENDPOINTS.get(endpoint).isEmpty()).toList())
                .flatMap(endpoint -> Combinators.combine(paths(endpoint, 0), validBody(endpoint), HostileInputs.malformations(), contentType())
                        .as((path, body, malformation, contentType) -> request(endpoint, path, contentType, malformation.apply().apply(body))));
    }

    @Provide
    Arbitrary<FuzzRequest> hostilePathOrHeader() {
        return Arbitraries.of(ENDPOINTS.keySet()).flatMap(endpoint -> Combinators.combine(
                paths(endpoint, 3), queries(), hostileHeaders(), validBody(endpoint))
                .as((path, query, headers, body) -> new FuzzRequest(method(endpoint), path + query, headers,
                        ENDPOINTS.get(endpoint).isEmpty() ? null : body.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * @param hostilePathWeight weight of a hostile value for each path variable (against 5 for a valid one)
     * @param hostileBodyWeight weight of a malformed body (against 7 for a generated object)
     * @param headersAbsent     how likely each optional header is left out
     */
    private Arbitrary<FuzzRequest> requests(int hostilePathWeight, int hostileBodyWeight, double headersAbsent) {
        return Arbitraries.of(ENDPOINTS.keySet()).flatMap(endpoint -> Combinators.combine(
                paths(endpoint, hostilePathWeight), queries(), headers(headersAbsent), body(endpoint, hostileBodyWeight))
                .as((path, query, headers, body) -> new FuzzRequest(method(endpoint), path + query, headers, body)));
    }

    private static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    private static FuzzRequest request(String endpoint, String path, String contentType, byte[] body) {
        return new FuzzRequest(method(endpoint), path, contentType == null ? List.of() : List.of("Content-Type", contentType), body);
    }

    /** The endpoint's path with valid or (weight {@code hostile} against 5) hostile variables. */
    private static Arbitrary<String> paths(String endpoint, int hostile) {
        Function<String, Arbitrary<String>> variables = name -> {
            Arbitrary<String> valid = switch (name) {
                case "id" -> Arbitraries.just(target.id());
                case "entryId" -> Arbitraries.just(target.entryId());
                case "stakeholderId" -> Arbitraries.just(target.stakeholderId());
                case "countermeasureId" -> Arbitraries.just(target.countermeasureId());
                case "step" -> Arbitraries.integers().between(1, 5).map(String::valueOf);
                case "name" -> Arbitraries.of("start", "detect", "end", "first-user-impact", "customer-notified");
                default -> throw new IllegalArgumentException(name);
            };
            return hostile == 0 ? valid : Arbitraries.frequencyOf(Tuple.of(5, valid), Tuple.of(hostile, HostileInputs.pathSegments()));
        };
        return FuzzRequest.paths(endpoint.substring(endpoint.indexOf(' ') + 1), variables);
    }

    /** The one parameter writes take (a reason for the audit trail), and parameters nobody asked for. */
    private static Arbitrary<String> queries() {
        Map<String, Arbitrary<String>> parameters = new LinkedHashMap<>();
        parameters.put("reason", Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("Recovery confirmed later")),
                Tuple.of(3, HostileInputs.queryValues())));
        parameters.put("id[$ne]", HostileInputs.queryValues());
        parameters.put("$where", HostileInputs.queryValues());
        return Combinators.combine(FuzzRequest.queries(parameters), Arbitraries.integers().between(0, 9))
                          // mostly no extra parameters at all
                          .as((query, dice) -> dice < 7 ? "" : query);
    }

    private static Arbitrary<String> contentType() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("application/json")), Tuple.of(2, HostileInputs.contentTypes()),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    /** Content-Type, If-Match, Accept and the correlation id: each absent with this likelihood, else valid or hostile. */
    private static Arbitrary<List<String>> headers(double absent) {
        Map<String, Arbitrary<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(2, HostileInputs.contentTypes())));
        headers.put("If-Match", HostileInputs.ifMatchValues());
        headers.put("Accept", HostileInputs.acceptHeaders());
        headers.put("X-Correlation-Id", Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300)),
                Tuple.of(1, Arbitraries.of("x".repeat(129), "x".repeat(9_000)))));
        return FuzzRequest.headers(headers, absent);
    }

    /** Always at least one hostile header. */
    private static Arbitrary<List<String>> hostileHeaders() {
        return headers(0.3).filter(headers -> headers.stream().anyMatch(h -> h.equals("If-Match") || h.equals("Accept")
                || h.equals("X-Correlation-Id")) || headers.contains("Content-Type") && !headers.contains("application/json"));
    }

    /** A body for the endpoint: a generated object (often invalid), a malformed one, or none / garbage for body-less endpoints. */
    private static Arbitrary<byte[]> body(String endpoint, int malformed) {
        Map<String, Arbitrary<String>> fields = ENDPOINTS.get(endpoint);
        if (fields.isEmpty()) {
            return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just((String) null)), Tuple.of(1, Arbitraries.just("{}")),
                    Tuple.of(2, HostileInputs.jsonValues())).map(json -> json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }
        Arbitrary<byte[]> generated = HostileInputs.objects(fields).map(json -> json.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> broken = Combinators.combine(validBody(endpoint), HostileInputs.malformations())
                                              .as((json, malformation) -> malformation.apply().apply(json));
        return Arbitraries.frequencyOf(Tuple.of(7, generated), Tuple.of(malformed, broken));
    }

    /** A body of valid values only (empty for endpoints without one). */
    private static Arbitrary<String> validBody(String endpoint) {
        Map<String, Arbitrary<String>> fields = ENDPOINTS.get(endpoint);
        Arbitrary<List<String>> members = Arbitraries.just(List.of());
        for (Map.Entry<String, Arbitrary<String>> field : fields.entrySet()) {
            members = members.flatMap(before -> field.getValue().map(value -> {
                List<String> after = new ArrayList<>(before);
                after.add(HostileInputs.jsonString(field.getKey()) + ":" + value);
                return after;
            }));
        }
        return members.map(list -> "{" + String.join(",", list) + "}");
    }

    // ---- the endpoint table -------------------------------------------------------------------------------------

    private static Map<String, Map<String, Arbitrary<String>>> endpoints() {
        Map<String, Map<String, Arbitrary<String>>> endpoints = new LinkedHashMap<>();
        String pm = "/api/postmortems/{id}";
        endpoints.put("GET /api/severities", Map.of());
        endpoints.put("POST /api/postmortems", fields("title", text(200)));
        endpoints.put("PUT " + pm + "/title", fields("title", text(200)));
        endpoints.put("PUT " + pm + "/meeting", fields("meetingAt", instant(), "contactPerson", text(200), "facilitatedBy", text(200)));
        endpoints.put("PUT " + pm + "/times/{name}", fields("at", instant()));
        endpoints.put("DELETE " + pm + "/times/{name}", Map.of());
        endpoints.put("PUT " + pm + "/severity", fields("level", Arbitraries.of("SEV1", "SEV2", "sev3", "SEV5", "SEV9").map(HostileInputs::jsonString)));
        endpoints.put("PUT " + pm + "/description", fields("summary", text(20_000), "remediation", text(20_000), "additionalInfo", text(20_000)));
        endpoints.put("PUT " + pm + "/root-cause", fields("rootCause", text(20_000)));
        endpoints.put("PUT " + pm + "/bug-tickets", fields("tickets", array(Combinators.combine(text(100), url())
                .as((reference, url) -> "{\"reference\":" + reference + ",\"url\":" + url + "}"))));
        endpoints.put("PUT " + pm + "/tags", fields("tags", array(text(100))));
        endpoints.put("PUT " + pm + "/affected-services", fields("services", array(text(100))));
        endpoints.put("PUT " + pm + "/owning-teams", fields("teams", array(text(100))));
        endpoints.put("POST " + pm + "/submit-for-review", Map.of());
        endpoints.put("POST " + pm + "/return-to-draft", Map.of());
        endpoints.put("POST " + pm + "/publish", Map.of());
        endpoints.put("PUT " + pm + "/restriction", fields("people", array(text(200)), "groups", array(text(200))));
        endpoints.put("DELETE " + pm + "/restriction", Map.of());
        endpoints.put("POST " + pm + "/stakeholders", fields("name", text(200), "roles", array(roles())));
        endpoints.put("PUT " + pm + "/stakeholders/{stakeholderId}", fields("roles", array(roles())));
        endpoints.put("DELETE " + pm + "/stakeholders/{stakeholderId}", Map.of());
        Map<String, Arbitrary<String>> entry = fields("occurredAt", instant(), "kind",
                Arbitraries.of("ACTION", "OBSERVATION", "DETECTION", "investigation_path", "RESOLUTION_STEP").map(HostileInputs::jsonString),
                "description", text(5_000), "effect", text(5_000), "perspective", text(200));
        endpoints.put("POST " + pm + "/timeline", entry);
        endpoints.put("PUT " + pm + "/timeline/{entryId}", entry);
        endpoints.put("DELETE " + pm + "/timeline/{entryId}", Map.of());
        endpoints.put("PUT " + pm + "/five-whys/{step}", fields("question", text(5_000), "answer", text(5_000)));
        endpoints.put("DELETE " + pm + "/five-whys/{step}", Map.of());
        Map<String, Arbitrary<String>> countermeasure = fields("title", text(200), "description", text(20_000),
                "priority", Arbitraries.of("CRITICAL", "HIGH", "MEDIUM", "LOW").map(HostileInputs::jsonString),
                "type", Arbitraries.of("PREVENTIVE", "DETECTIVE", "MITIGATING").map(HostileInputs::jsonString));
        String cm = pm + "/countermeasures/{countermeasureId}";
        endpoints.put("POST " + pm + "/countermeasures", countermeasure);
        endpoints.put("PUT " + cm, countermeasure);
        endpoints.put("PUT " + cm + "/assignment", fields("owner", text(200), "targetDate", futureDate()));
        endpoints.put("POST " + cm + "/start", Map.of());
        endpoints.put("POST " + cm + "/complete", fields("note", text(5_000)));
        endpoints.put("POST " + cm + "/decline", fields("reason", text(5_000)));
        endpoints.put("POST " + cm + "/revisit", fields("verdict", Arbitraries.of("EFFECTIVE", "INEFFECTIVE", "OBSOLETE")
                .map(HostileInputs::jsonString), "note", text(5_000)));
        return endpoints;
    }

    private static Map<String, Arbitrary<String>> fields(Object... namesAndValues) {
        Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Arbitrary<String> value = (Arbitrary<String>) namesAndValues[i + 1];
            fields.put((String) namesAndValues[i], value);
        }
        return fields;
    }

    /** Valid text of a field whose limit is {@code max} characters: short, or exactly at the limit. */
    private static Arbitrary<String> text(int max) {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().alpha().numeric().withChars(' ', '-', '.').ofMinLength(1).ofMaxLength(Math.min(max, 40))
                                       .filter(text -> !text.isBlank())),
                Tuple.of(1, Arbitraries.just("y".repeat(max))))
                          .map(HostileInputs::jsonString);
    }

    private static Arbitrary<String> instant() {
        return Arbitraries.longs().between(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2030-01-01T00:00:00Z").getEpochSecond())
                          .map(seconds -> HostileInputs.jsonString(Instant.ofEpochSecond(seconds).toString()));
    }

    /** Dates after the test run, so that no countermeasure becomes overdue during it. */
    private static Arbitrary<String> futureDate() {
        return Arbitraries.integers().between(0, 3_000).map(days -> HostileInputs.jsonString(LocalDate.of(2031, 1, 1).plusDays(days).toString()));
    }

    private static Arbitrary<String> url() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(path -> HostileInputs.jsonString("https://bugs.example/" + path));
    }

    private static Arbitrary<String> roles() {
        return Arbitraries.of("INVOLVED_IN_DECISIONS", "IDENTIFIED", "RESPONDED", "DIAGNOSED", "AFFECTED", "INTERESTED")
                          .map(HostileInputs::jsonString);
    }

    private static Arbitrary<String> array(Arbitrary<String> elements) {
        return elements.list().ofMaxSize(5).map(list -> list.stream().collect(Collectors.joining(",", "[", "]")));
    }
}
