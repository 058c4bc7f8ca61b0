package dev.postmortem.command.it;

import dev.postmortem.localstack.junit.AuthorizationMatrix;
import dev.postmortem.localstack.junit.FuzzCampaign;
import dev.postmortem.localstack.junit.FuzzRequest;
import dev.postmortem.localstack.junit.Gen;
import dev.postmortem.localstack.junit.HostileInputs;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 7: a fuzz campaign over every command-service endpoint. Thousands of requests with malformed,
 * oversized, wrong-typed, unicode-heavy and injection-shaped bodies, path variables, headers and parameters, mixed
 * with valid values so that some get through. Whatever is sent: no 5xx, every 4xx a problem+json document, and a
 * rejected request stores no event. The service runs in this JVM against the shared local stack (127.0.0.1 only).
 *
 * <p>Each test runs its tries in a loop through {@link FuzzCampaign#run}: the run's seed is printed at the start and
 * with any failure (with the try and the whole request), and {@code -Dfuzz.seed=...} replays it. Failing requests
 * are not shrunk: a shrinker would resend requests against a service whose state has moved on.
 */
class FuzzIT {

    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALPHANUMERIC = ALPHA + "0123456789";

    private static final FuzzCampaign CAMPAIGN = new FuzzCampaign("command-service FuzzIT", Duration.ofMinutes(6));

    private static ConfigurableApplicationContext service;
    private static HttpApi api;
    private static JdbcTemplate jdbc;
    /** The post-mortem the valid path variables point at, and its parts. */
    private static Target target;

    record Target(String id, String entryId, String stakeholderId, String countermeasureId, String commentId) {
    }

    /**
     * Every endpoint: "METHOD /path" → its body's fields and a valid JSON value of each (no entry: no body).
     * {@link #theCampaignCoversEveryEndpoint()} holds this table to the endpoints the service registered.
     */
    static final Map<String, Map<String, Gen<String>>> ENDPOINTS = endpoints();

    @BeforeAll
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
        String comment = api.post(pm + "/review/comments", "{\"section\":\"TIMELINE\",\"partId\":\"" + entry + "\",\"text\":\"When, in UTC?\"}")
                            .ok().body().path("id").asText();
        target = new Target(id, entry, stakeholder, countermeasure, comment);
    }

    @AfterAll
    static void stopService() {
        // The figures RELIABILITY.md reports.
        System.out.println(CAMPAIGN.figures());
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theCampaignCoversEveryEndpoint() {
        RequestMappingHandlerMapping mappings = service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        FuzzCampaign.assertCoversEveryEndpoint(ENDPOINTS.keySet(), AuthorizationMatrix.registered(mappings), api);
    }

    /** Any endpoint, any mix of valid and hostile parts. */
    @Test
    void anyRequestIsAnsweredWellAndARejectedOneWritesNothing() {
        CAMPAIGN.run("anyRequestIsAnsweredWellAndARejectedOneWritesNothing", 2_000, anyRequest(), FuzzIT::sendAndCheck);
    }

    /** Bodies that are not JSON at all, or broken JSON, to every endpoint that reads one. */
    @Test
    void malformedBodiesAreRefusedAsProblems() {
        CAMPAIGN.run("malformedBodiesAreRefusedAsProblems", 600, malformedBody(), FuzzIT::sendAndCheck);
    }

    /**
     * Issue 16: values well-formed JSON that no store can hold or that attack the service's own work — instants and
     * dates at the edges of every range, text small in characters but large in bytes, text that made the language
     * check quadratic — in otherwise valid requests to every endpoint with a body. Refused as problems naming the field,
     * or accepted and cheap; never a 5xx, never a stored event that a projection cannot store.
     */
    @Test
    void semanticallyHostileValuesAreRefusedOrCheap() {
        CAMPAIGN.run("semanticallyHostileValuesAreRefusedOrCheap", 600, semanticallyHostile(), FuzzIT::sendAndCheck);
    }

    /** Hostile path variables and headers on every endpoint, with otherwise valid requests. */
    @Test
    void hostilePathsAndHeadersAreRefusedAsProblems() {
        CAMPAIGN.run("hostilePathsAndHeadersAreRefusedAsProblems", 600, hostilePathOrHeader(), FuzzIT::sendAndCheck);
    }

    private static void sendAndCheck(FuzzRequest request) {
        CAMPAIGN.withinBudget();
        long before = storedEvents();
        long lastIndex = lastGlobalIndex();
        CAMPAIGN.sendCheckingRefusals(request, api, refusal -> assertThat(storedEvents())
                .as(() -> "events stored after " + refusal + " to " + request.line() + ": "
                        + jdbc.queryForList("select globalindex, aggregateidentifier, sequencenumber, payloadtype, timestamp from domainevententry"
                        + " where globalindex > ? order by globalindex", lastIndex)).isEqualTo(before));
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

    Gen<FuzzRequest> anyRequest() {
        return requests(2, 2, 0.6);
    }

    Gen<FuzzRequest> malformedBody() {
        Gen<String> endpoints = Gen.of(ENDPOINTS.keySet().stream().filter(endpoint -> !ENDPOINTS.get(endpoint).isEmpty()).toList());
        Gen<HostileInputs.Malformation> malformations = HostileInputs.malformations();
        Gen<String> contentTypes = contentType();
        return random -> {
            String endpoint = endpoints.next(random);
            String path = paths(endpoint, 0).next(random);
            String body = validBody(endpoint).next(random);
            HostileInputs.Malformation malformation = malformations.next(random);
            String contentType = contentTypes.next(random);
            return request(endpoint, path, contentType, malformation.apply().apply(body));
        };
    }

    Gen<FuzzRequest> semanticallyHostile() {
        Gen<String> endpoints = Gen.of(ENDPOINTS.keySet().stream().filter(endpoint -> !ENDPOINTS.get(endpoint).isEmpty()).toList());
        return random -> {
            String endpoint = endpoints.next(random);
            Map<String, Gen<String>> hostile = new LinkedHashMap<>();
            ENDPOINTS.get(endpoint).forEach((field, valid) -> hostile.put(field, semantic(field, valid)));
            String body = body(hostile).next(random);
            return request(endpoint, paths(endpoint, 0).next(random), "application/json", body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** For one field: a value at the edge of its meaning if it has one (a time, a date, text), else the valid one. */
    private static Gen<String> semantic(String field, Gen<String> valid) {
        Integer chars = TEXT_CAPS.get(field);
        if (field.equals("at") || field.equals("occurredAt") || field.equals("meetingAt")) {
            return Gen.frequency(Gen.weighted(1, valid), Gen.weighted(3, HostileInputs.edgeInstants()));
        }
        if (field.equals("targetDate")) {
            return Gen.frequency(Gen.weighted(1, valid), Gen.weighted(3, HostileInputs.edgeDates()));
        }
        if (chars != null) {
            return Gen.frequency(Gen.weighted(1, valid), Gen.weighted(2, HostileInputs.wideText(chars)),
                    Gen.weighted(2, HostileInputs.adversarialText(chars)));
        }
        return valid;
    }

    /** The character caps of the text fields (README, Input limits). */
    private static final Map<String, Integer> TEXT_CAPS = Map.ofEntries(Map.entry("title", 200), Map.entry("contactPerson", 200),
            Map.entry("facilitatedBy", 200), Map.entry("summary", 20_000), Map.entry("remediation", 20_000),
            Map.entry("additionalInfo", 20_000), Map.entry("rootCause", 20_000), Map.entry("name", 200), Map.entry("description", 5_000),
            Map.entry("effect", 5_000), Map.entry("perspective", 200), Map.entry("question", 5_000), Map.entry("answer", 5_000),
            Map.entry("owner", 200), Map.entry("note", 5_000), Map.entry("reason", 5_000), Map.entry("text", 5_000));

    /** A body of these fields, each drawn from its generator. */
    private static Gen<String> body(Map<String, Gen<String>> fields) {
        Gen<List<String>> members = Gen.constant(List.of());
        for (Map.Entry<String, Gen<String>> field : fields.entrySet()) {
            members = members.flatMap(before -> field.getValue().map(value -> {
                List<String> after = new ArrayList<>(before);
                after.add(HostileInputs.jsonString(field.getKey()) + ":" + value);
                return after;
            }));
        }
        return members.map(list -> "{" + String.join(",", list) + "}");
    }

    Gen<FuzzRequest> hostilePathOrHeader() {
        Gen<String> endpoints = Gen.of(ENDPOINTS.keySet());
        Gen<String> queries = queries();
        Gen<List<String>> headers = hostileHeaders();
        return random -> {
            String endpoint = endpoints.next(random);
            String path = paths(endpoint, 3).next(random);
            String query = queries.next(random);
            List<String> chosenHeaders = headers.next(random);
            String body = validBody(endpoint).next(random);
            return new FuzzRequest(FuzzRequest.method(endpoint), path + query, chosenHeaders,
                    ENDPOINTS.get(endpoint).isEmpty() ? null : body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * @param hostilePathWeight weight of a hostile value for each path variable (against 5 for a valid one)
     * @param hostileBodyWeight weight of a malformed body (against 7 for a generated object)
     * @param headersAbsent     how likely each optional header is left out
     */
    private Gen<FuzzRequest> requests(int hostilePathWeight, int hostileBodyWeight, double headersAbsent) {
        Gen<String> endpoints = Gen.of(ENDPOINTS.keySet());
        Gen<String> queries = queries();
        Gen<List<String>> headers = headers(headersAbsent);
        return random -> {
            String endpoint = endpoints.next(random);
            String path = paths(endpoint, hostilePathWeight).next(random);
            String query = queries.next(random);
            List<String> chosenHeaders = headers.next(random);
            byte[] body = body(endpoint, hostileBodyWeight).next(random);
            return new FuzzRequest(FuzzRequest.method(endpoint), path + query, chosenHeaders, body);
        };
    }

    private static FuzzRequest request(String endpoint, String path, String contentType, byte[] body) {
        return new FuzzRequest(FuzzRequest.method(endpoint), path, contentType == null ? List.of() : List.of("Content-Type", contentType), body);
    }

    /** The endpoint's path with valid or (weight {@code hostile} against 5) hostile variables. */
    private static Gen<String> paths(String endpoint, int hostile) {
        Function<String, Gen<String>> variables = name -> {
            Gen<String> valid = switch (name) {
                case "id" -> Gen.constant(target.id());
                case "entryId" -> Gen.constant(target.entryId());
                case "stakeholderId" -> Gen.constant(target.stakeholderId());
                case "countermeasureId" -> Gen.constant(target.countermeasureId());
                case "commentId" -> Gen.constant(target.commentId());
                case "step" -> Gen.integers(1, 5).map(String::valueOf);
                case "name" -> Gen.of("start", "detect", "end", "first-user-impact", "customer-notified");
                default -> throw new IllegalArgumentException(name);
            };
            return hostile == 0 ? valid : Gen.frequency(Gen.weighted(5, valid), Gen.weighted(hostile, HostileInputs.pathSegments()));
        };
        return FuzzRequest.paths(endpoint.substring(endpoint.indexOf(' ') + 1), variables);
    }

    /** The one parameter writes take (a reason for the audit trail), and parameters nobody asked for. */
    private static Gen<String> queries() {
        Map<String, Gen<String>> parameters = new LinkedHashMap<>();
        parameters.put("reason", Gen.frequency(Gen.weighted(1, Gen.constant("Recovery confirmed later")),
                Gen.weighted(3, HostileInputs.queryValues())));
        parameters.put("id[$ne]", HostileInputs.queryValues());
        parameters.put("$where", HostileInputs.queryValues());
        Gen<String> query = FuzzRequest.queries(parameters);
        Gen<Integer> dice = Gen.integers(0, 9);
        return random -> {
            String drawn = query.next(random);
            // mostly no extra parameters at all
            return dice.next(random) < 7 ? "" : drawn;
        };
    }

    private static Gen<String> contentType() {
        return Gen.frequency(Gen.weighted(6, Gen.constant("application/json")), Gen.weighted(2, HostileInputs.contentTypes()),
                Gen.weighted(1, Gen.constant((String) null)));
    }

    /** Content-Type, If-Match, Accept and the correlation id: each absent with this likelihood, else valid or hostile. */
    private static Gen<List<String>> headers(double absent) {
        Map<String, Gen<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Gen.frequency(Gen.weighted(8, Gen.constant("application/json")),
                Gen.weighted(2, HostileInputs.contentTypes())));
        headers.put("If-Match", HostileInputs.ifMatchValues());
        // What an API client sends with a change (a cross-site form cannot): without it, a change whose body is not
        // JSON stops at the cross-site guard (403) and reaches nothing behind it.
        headers.put("X-Requested-With", Gen.of("FuzzIT", "XMLHttpRequest"));
        headers.put("Accept", HostileInputs.acceptHeaders());
        headers.put("X-Correlation-Id", Gen.frequency(Gen.weighted(3, Gen.strings(' ', '~', 0, 300)),
                Gen.weighted(1, Gen.of("x".repeat(129), "x".repeat(9_000)))));
        return FuzzRequest.headers(headers, absent);
    }

    /** Always at least one hostile header. */
    private static Gen<List<String>> hostileHeaders() {
        return headers(0.3).filter(headers -> headers.stream().anyMatch(h -> h.equals("If-Match") || h.equals("Accept")
                || h.equals("X-Correlation-Id")) || headers.contains("Content-Type") && !headers.contains("application/json"));
    }

    /** A body for the endpoint: a generated object (often invalid), a malformed one, or none / garbage for body-less endpoints. */
    private static Gen<byte[]> body(String endpoint, int malformed) {
        Map<String, Gen<String>> fields = ENDPOINTS.get(endpoint);
        if (fields.isEmpty()) {
            return Gen.frequency(Gen.weighted(6, Gen.constant((String) null)), Gen.weighted(1, Gen.constant("{}")),
                    Gen.weighted(2, HostileInputs.jsonValues())).map(json -> json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }
        Gen<byte[]> generated = HostileInputs.objects(fields).map(json -> json.getBytes(StandardCharsets.UTF_8));
        Gen<String> valid = validBody(endpoint);
        Gen<HostileInputs.Malformation> malformations = HostileInputs.malformations();
        Gen<byte[]> broken = random -> {
            String json = valid.next(random);
            return malformations.next(random).apply().apply(json);
        };
        return Gen.frequency(Gen.weighted(7, generated), Gen.weighted(malformed, broken));
    }

    /** A body of valid values only (empty for endpoints without one). */
    private static Gen<String> validBody(String endpoint) {
        return body(ENDPOINTS.get(endpoint));
    }

    // ---- the endpoint table -------------------------------------------------------------------------------------

    private static Map<String, Map<String, Gen<String>>> endpoints() {
        Map<String, Map<String, Gen<String>>> endpoints = new LinkedHashMap<>();
        String pm = "/api/postmortems/{id}";
        endpoints.put("GET /api/severities", Map.of());
        endpoints.put("POST /api/postmortems", fields("title", text(200)));
        endpoints.put("PUT " + pm + "/title", fields("title", text(200)));
        endpoints.put("PUT " + pm + "/meeting", fields("meetingAt", instant(), "contactPerson", text(200), "facilitatedBy", text(200)));
        endpoints.put("PUT " + pm + "/times/{name}", fields("at", instant()));
        endpoints.put("DELETE " + pm + "/times/{name}", Map.of());
        endpoints.put("PUT " + pm + "/severity", fields("level", Gen.of("SEV1", "SEV2", "sev3", "SEV5", "SEV9").map(HostileInputs::jsonString)));
        endpoints.put("PUT " + pm + "/description", fields("summary", text(20_000), "remediation", text(20_000), "additionalInfo", text(20_000)));
        endpoints.put("PUT " + pm + "/root-cause", fields("rootCause", text(20_000)));
        endpoints.put("PUT " + pm + "/bug-tickets", fields("tickets", array(ticket())));
        endpoints.put("PUT " + pm + "/incident", fields("provider", Gen.of("\"pagerduty\"", "\"OpsGenie\"", "\"other\"", "\"pager duty\"", "\"\""),
                "incidentId", text(100), "url", url()));
        endpoints.put("DELETE " + pm + "/incident", Map.of());
        endpoints.put("PUT " + pm + "/tags", fields("tags", array(text(100))));
        endpoints.put("PUT " + pm + "/affected-services", fields("services", array(text(100))));
        endpoints.put("PUT " + pm + "/owning-teams", fields("teams", array(text(100))));
        endpoints.put("POST " + pm + "/submit-for-review", fields("reviewers", array(text(200)), "reviewerGroups", array(text(200))));
        endpoints.put("POST " + pm + "/review/comments", fields("section",
                Gen.of("GENERAL", "SUMMARY", "timeline", "COUNTERMEASURES", "ROOT_CAUSE").map(HostileInputs::jsonString), "text", text(5_000)));
        endpoints.put("POST " + pm + "/review/comments/{commentId}/resolve", Map.of());
        endpoints.put("POST " + pm + "/review/approve", fields("note", text(5_000)));
        endpoints.put("POST " + pm + "/review/request-changes", fields("note", text(5_000)));
        endpoints.put("POST " + pm + "/return-to-draft", Map.of());
        endpoints.put("POST " + pm + "/publish", Map.of());
        endpoints.put("PUT " + pm + "/restriction", fields("people", array(text(200)), "groups", array(text(200))));
        endpoints.put("DELETE " + pm + "/restriction", Map.of());
        endpoints.put("POST " + pm + "/stakeholders", fields("name", text(200), "roles", array(roles())));
        endpoints.put("PUT " + pm + "/stakeholders/{stakeholderId}", fields("roles", array(roles())));
        endpoints.put("DELETE " + pm + "/stakeholders/{stakeholderId}", Map.of());
        Map<String, Gen<String>> entry = fields("occurredAt", instant(), "kind",
                Gen.of("ACTION", "OBSERVATION", "DETECTION", "investigation_path", "RESOLUTION_STEP").map(HostileInputs::jsonString),
                "description", text(5_000), "effect", text(5_000), "perspective", text(200));
        endpoints.put("POST " + pm + "/timeline", entry);
        endpoints.put("PUT " + pm + "/timeline/{entryId}", entry);
        // The timeline import: a preview of a PagerDuty log (stores nothing), and the picked entries
        endpoints.put("POST /api/timeline-imports/preview", fields("log_entries", array(object(fields("type",
                Gen.of("trigger_log_entry", "resolve_log_entry", "annotate_log_entry", "incident").map(HostileInputs::jsonString),
                "created_at", instant(), "summary", text(200))))));
        endpoints.put("POST " + pm + "/timeline/import", fields("source", Gen.of("pagerduty", "csv", "PagerDuty").map(HostileInputs::jsonString),
                "sourceName", text(100), "entries", array(object(fields("occurredAt", instant(), "kind",
                        Gen.of("ACTION", "DETECTION", "RESOLUTION_STEP").map(HostileInputs::jsonString), "description", text(5_000),
                        "sourceRef", text(100))))));
        endpoints.put("DELETE " + pm + "/timeline/{entryId}", Map.of());
        endpoints.put("PUT " + pm + "/five-whys/{step}", fields("question", text(5_000), "answer", text(5_000)));
        endpoints.put("DELETE " + pm + "/five-whys/{step}", Map.of());
        Map<String, Gen<String>> countermeasure = fields("title", text(200), "description", text(20_000),
                "priority", Gen.of("CRITICAL", "HIGH", "MEDIUM", "LOW").map(HostileInputs::jsonString),
                "type", Gen.of("PREVENTIVE", "DETECTIVE", "MITIGATING").map(HostileInputs::jsonString));
        String cm = pm + "/countermeasures/{countermeasureId}";
        endpoints.put("POST " + pm + "/countermeasures", countermeasure);
        endpoints.put("PUT " + cm, countermeasure);
        endpoints.put("PUT " + cm + "/assignment", fields("owner", text(200), "targetDate", futureDate()));
        endpoints.put("POST " + cm + "/start", Map.of());
        endpoints.put("POST " + cm + "/complete", fields("note", text(5_000)));
        endpoints.put("POST " + cm + "/decline", fields("reason", text(5_000)));
        endpoints.put("POST " + cm + "/revisit", fields("verdict", Gen.of("EFFECTIVE", "INEFFECTIVE", "OBSOLETE")
                .map(HostileInputs::jsonString), "note", text(5_000)));
        return endpoints;
    }

    private static Map<String, Gen<String>> fields(Object... namesAndValues) {
        Map<String, Gen<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Gen<String> value = (Gen<String>) namesAndValues[i + 1];
            fields.put((String) namesAndValues[i], value);
        }
        return fields;
    }

    /** Valid text of a field whose limit is {@code max} characters: short, or exactly at the limit. */
    private static Gen<String> text(int max) {
        return Gen.frequency(
                Gen.weighted(8, Gen.strings(ALPHANUMERIC + " -.", 1, Math.min(max, 40))
                                       .filter(text -> !text.isBlank())),
                Gen.weighted(1, Gen.constant("y".repeat(max))))
                          .map(HostileInputs::jsonString);
    }

    private static Gen<String> instant() {
        return Gen.longs(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2030-01-01T00:00:00Z").getEpochSecond())
                          .map(seconds -> HostileInputs.jsonString(Instant.ofEpochSecond(seconds).toString()));
    }

    /** Dates after the test run, so that no countermeasure becomes overdue during it. */
    private static Gen<String> futureDate() {
        return Gen.integers(0, 3_000).map(days -> HostileInputs.jsonString(LocalDate.of(2031, 1, 1).plusDays(days).toString()));
    }

    /** A bug ticket: a reference and a URL. */
    private static Gen<String> ticket() {
        Gen<String> reference = text(100);
        Gen<String> url = url();
        return random -> {
            String drawnReference = reference.next(random);
            return "{\"reference\":" + drawnReference + ",\"url\":" + url.next(random) + "}";
        };
    }

    private static Gen<String> url() {
        return Gen.strings(ALPHA, 1, 10).map(path -> HostileInputs.jsonString("https://bugs.example/" + path));
    }

    private static Gen<String> roles() {
        return Gen.of("INVOLVED_IN_DECISIONS", "IDENTIFIED", "RESPONDED", "DIAGNOSED", "AFFECTED", "INTERESTED")
                          .map(HostileInputs::jsonString);
    }

    /** A JSON object of these fields, each drawn. */
    private static Gen<String> object(Map<String, Gen<String>> fields) {
        return random -> fields.entrySet().stream().map(field -> HostileInputs.jsonString(field.getKey()) + ":" + field.getValue().next(random))
                               .collect(Collectors.joining(",", "{", "}"));
    }

    private static Gen<String> array(Gen<String> elements) {
        return elements.list(0, 5).map(list -> list.stream().collect(Collectors.joining(",", "[", "]")));
    }
}
