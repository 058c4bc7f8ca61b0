package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.Pause;
import dev.postmortem.query.stream.EventJson;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Organisation-wide search against the real Elasticsearch node of the local stack, fed through the real topic. */
class SearchIT extends WholeSystemTest {

    private static final Random RANDOM = new Random();

    /** A made-up word no other test uses, so each test sees only its own post-mortems. */
    static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    String create(String title, String severity, String tag, String start) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        if (severity != null) {
            commands.put(pm + "/severity", HttpApi.json(Map.of("level", severity))).ok();
        }
        if (tag != null) {
            commands.put(pm + "/tags", HttpApi.json(Map.of("tags", List.of(tag)))).ok();
        }
        if (start != null) {
            commands.put(pm + "/times/start", HttpApi.json(Map.of("at", start))).ok();
        }
        return id;
    }

    JsonNode awaitSearch(String query, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            JsonNode result = queries.get("/api/search?" + query).ok().body();
            if (done.test(result)) {
                return result;
            }
            assertThat(Instant.now()).as("search %s: last answer %s", query, result).isBefore(deadline);
            Pause.millis(50);
        }
    }

    static List<String> ids(JsonNode result) {
        return result.path("hits").findValuesAsText("id");
    }

    @Test
    void explainedSearchHoldsTheRequestThatElasticsearchAnswersAlike() throws Exception {
        String word = word();
        String first = create("The " + word + " queue stalled", "SEV2", "queues", null);
        String second = create("Retries flooded the " + word + " broker", "SEV3", null, null);
        awaitSearch("q=" + word, r -> ids(r).size() == 2);

        JsonNode explained = queries.get("/api/search?q=" + word + "&explain=true").ok().body();
        JsonNode sent = explained.path("elasticsearch");
        assertThat(sent.path("index").asText()).isEqualTo("postmortems");
        assertThat(sent.path("body").path("query").path("bool").path("must").toString()).contains(word);
        assertThat(queries.get("/api/search?q=" + word).ok().body().has("elasticsearch")).isFalse();

        String uri = LocalStackExtension.shared().getProperty(LocalStackAddresses.ELASTICSEARCH_URIS).split(",")[0];
        HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri + "/" + sent.path("index").asText() + "/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(sent.path("body").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
        JsonNode answer = EventJson.MAPPER.readTree(direct.body());
        assertThat(answer.path("hits").path("hits").findValuesAsText("_id")).containsExactlyElementsOf(ids(explained))
                                                                            .containsExactlyInAnyOrder(first, second);
        assertThat(answer.path("aggregations").path("severity").path("buckets").size()).isEqualTo(2);
    }

    @Test
    void aWordInTheTitleRanksAboveTheSameWordInATimelineEntryAndIsHighlighted() {
        String word = word();
        String inTimeline = create("Payment retries overloaded the database", null, null, null);
        commands.post("/api/postmortems/" + inTimeline + "/timeline", HttpApi.json(Map.of("occurredAt", "2026-11-20T10:00:00Z",
                "kind", "OBSERVATION", "description", "The " + word + " dashboard showed the queue growing"))).ok();
        String inTitle = create("The " + word + " cluster ran out of disk", null, null, null);

        JsonNode result = awaitSearch("q=" + word, r -> ids(r).size() == 2);
        assertThat(ids(result)).containsExactly(inTitle, inTimeline);
        JsonNode top = result.path("hits").get(0);
        assertThat(top.path("highlights").path("title").get(0).asText()).contains("<em>" + word + "</em>");
        assertThat(result.path("hits").get(1).path("highlights").path("timeline").get(0).asText()).contains("<em>" + word + "</em>");
        assertThat(result.path("total").asLong()).isEqualTo(2);
    }

    @Test
    void englishStemmingMatchesOtherFormsOfAWord() {
        String word = word();
        String id = create("Deletions were restored for " + word, null, null, null);
        assertThat(ids(awaitSearch("q=" + word + " restoring deletion", r -> ids(r).size() == 1))).containsExactly(id);
    }

    @Test
    void theTagFilterIsExactAndARemovedTagIsNoLongerFound() {
        String tag = word();
        String id = create("Tagged", null, tag, null);
        assertThat(ids(awaitSearch("tag=" + tag, r -> ids(r).size() == 1))).containsExactly(id);
        assertThat(ids(queries.get("/api/search?tag=" + tag.substring(0, 6)).ok().body())).doesNotContain(id);
        assertThat(ids(queries.get("/api/search?tag=" + tag.toUpperCase()).ok().body())).as("tags are lower-case").containsExactly(id);

        commands.put("/api/postmortems/" + id + "/tags", "{\"tags\":[\"something-else\"]}").ok();
        awaitSearch("tag=" + tag, r -> ids(r).isEmpty());
    }

    @Test
    void anUpdateIsSearchableWithinTwoSecondsOfTheCommand() {
        String id = create("Freshness", null, null, null);
        String word = word();
        long written = System.nanoTime();
        commands.put("/api/postmortems/" + id + "/title", HttpApi.json(Map.of("title", "Freshness " + word))).ok();
        awaitSearch("q=" + word, r -> ids(r).contains(id));
        long millis = Duration.ofNanos(System.nanoTime() - written).toMillis();
        assertThat(millis).as("command 2xx to searchable, ms").isLessThan(2000);
    }

    @Test
    void facetCountsAreExactAndPagesFollowTheCursor() {
        String tag = word();
        create("Facet one", "SEV1", tag, "2025-06-01T10:00:00Z");
        create("Facet two", "SEV2", tag, "2026-03-01T10:00:00Z");
        create("Facet three", "SEV2", tag, "2026-04-01T10:00:00Z");
        // Each post-mortem is written by several commands: wait until the last of them (the start time) is indexed.
        JsonNode result = awaitSearch("tag=" + tag, r -> r.path("facets").path("severity").path("SEV2").asLong() == 2
                && r.path("facets").path("year").path("2025").asLong() + r.path("facets").path("year").path("2026").asLong() == 3);
        assertThat(result.path("facets").path("severity").toString()).isEqualTo("{\"SEV2\":2,\"SEV1\":1}");
        assertThat(result.path("facets").path("tags").toString()).isEqualTo("{\"" + tag + "\":3}");
        assertThat(result.path("facets").path("status").toString()).isEqualTo("{\"DRAFT\":3}");
        assertThat(result.path("facets").path("year").toString()).isEqualTo("{\"2025\":1,\"2026\":2}");

        JsonNode bySeverity = queries.get("/api/search?tag=" + tag + "&severity=sev2").ok().body();
        assertThat(bySeverity.path("total").asLong()).isEqualTo(2);
        JsonNode inRange = queries.get("/api/search?tag=" + tag + "&from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z").ok().body();
        assertThat(inRange.path("total").asLong()).isEqualTo(2);

        JsonNode first = queries.get("/api/search?tag=" + tag + "&size=2&sort=incidentStart").ok().body();
        assertThat(first.path("hits")).hasSize(2);
        JsonNode second = queries.get("/api/search?tag=" + tag + "&size=2&sort=incidentStart&after=" + first.path("next").asText()).ok().body();
        assertThat(second.path("hits")).hasSize(1);
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).doesNotHaveDuplicates().hasSize(3);
        assertThat(first.path("hits").get(0).path("title").asText()).isEqualTo("Facet three");

        String owned = create("Facet four", "SEV3", tag, "2024-01-01T10:00:00Z");
        String cm = commands.post("/api/postmortems/" + owned + "/countermeasures",
                "{\"title\":\"Runbook\",\"priority\":\"LOW\",\"type\":\"CORRECTIVE\"}").ok().body().path("id").asText();
        String owner = word();
        commands.put("/api/postmortems/" + owned + "/countermeasures/" + cm + "/assignment",
                HttpApi.json(Map.of("owner", owner, "targetDate", "2027-01-31"))).ok();
        assertThat(ids(awaitSearch("tag=" + tag + "&owner=" + owner, r -> ids(r).size() == 1))).containsExactly(owned);

        queries.get("/api/search?after=not-a-cursor").problem(400);
        queries.get("/api/search?page=50&size=100").problem(400);
    }

    @Test
    void hostileQueriesAnswer200OrAProblemNever5xx() {
        List<String> hostile = List.of("\"((", "\\\\", "\\", "x".repeat(501), "<script>alert(1)</script>",
                "{\"script\":{\"source\":\"Runtime.getRuntime().exec('id')\"}}", "*:*", "title:foo AND (", "-", "\"", "*",
                "ü \u0000 \uD83D\uDE00", "a~999999", "/.*/", "{\"$gt\":\"\"}", "a".repeat(400) + "*");
        for (String q : hostile) {
            HttpApi.Response response = queries.get("/api/search?q=" + encode(q));
            assertThat(response.status()).as("q=%s → %s", q, response.raw().body()).isLessThan(500);
            if (response.status() >= 400) {
                response.problem(response.status());
            }
        }
        queries.get("/api/search?sort=_script").problem(400);
        queries.get("/api/search?from=yesterday").problem(400);
    }

    @Test
    void similarFindsPastIncidentsLikeThisOne() {
        String word = word();
        String one = create("Certificate " + word + " expired on the payment gateway", null, null, null);
        String two = create("Expired certificate " + word + " broke the payment gateway again", null, null, null);
        create("Unrelated disk full on the build server", null, null, null);
        awaitSearch("q=" + word, r -> ids(r).size() == 2);
        JsonNode similar = queries.get("/api/postmortems/" + one + "/similar").ok().body();
        assertThat(similar.findValuesAsText("id")).contains(two).doesNotContain(one);
        queries.get("/api/postmortems/does-not-exist/similar").problem(404);
    }

    /** Issue 19: tags, affected services and owning teams are chosen words: free text finds them, as words. */
    @Test
    void freeTextFindsAWordThatIsOnlyATagAServiceOrATeam() {
        String tag = word();
        String service = word();
        String team = word();
        String id = create("Checkout slowed down", null, tag + "-pool", null);
        commands.put("/api/postmortems/" + id + "/affected-services", HttpApi.json(Map.of("services", List.of(service)))).ok();
        commands.put("/api/postmortems/" + id + "/owning-teams", HttpApi.json(Map.of("teams", List.of("team-" + team)))).ok();

        assertThat(ids(awaitSearch("q=" + tag, r -> ids(r).size() == 1))).as("a word of a tag").containsExactly(id);
        assertThat(ids(awaitSearch("q=" + service, r -> ids(r).size() == 1))).as("a service").containsExactly(id);
        JsonNode byTeam = awaitSearch("q=" + team, r -> ids(r).size() == 1);
        assertThat(ids(byTeam)).as("a word of a team").containsExactly(id);
        assertThat(byTeam.path("hits").get(0).path("highlights").path("labels").get(0).asText()).contains("<em>" + team + "</em>");
    }

    /** Issue 21: the incident's id in the paging tool finds its post-mortem. */
    @Test
    void theLinkedIncidentsIdFindsThePostMortem() {
        String incidentId = "Q" + word().toUpperCase(Locale.ROOT) + "7";
        String id = create("Payments declined", null, null, null);
        commands.put("/api/postmortems/" + id + "/incident", HttpApi.json(Map.of("provider", "pagerduty", "incidentId", incidentId,
                "url", "https://acme.pagerduty.com/incidents/" + incidentId))).ok();
        assertThat(ids(awaitSearch("q=" + incidentId, r -> ids(r).size() == 1))).containsExactly(id);
        commands.delete("/api/postmortems/" + id + "/incident", "X-Requested-With", "test").ok();
        assertThat(ids(awaitSearch("q=" + incidentId, r -> ids(r).isEmpty()))).as("unlinked: no longer found by it").isEmpty();
    }

    /**
     * Issue 19: real phrasing, as people write it and as people search for it: other forms of the same words (the
     * English stemmer), in any order, in whichever field they stand.
     */
    @Test
    void realPhrasingFindsOtherFormsOfTheSameWords() {
        String tag = word();
        String id = create("The database replicas filled their disks while vacuuming", null, tag, null);
        commands.put("/api/postmortems/" + id + "/root-cause", HttpApi.json(Map.of("rootCause",
                "Autovacuum was throttled, so dead rows piled up faster than they were reclaimed"))).ok();
        awaitSearch("tag=" + tag + "&q=reclaimed", r -> ids(r).size() == 1);
        for (String query : List.of("disk filling", "replica vacuum", "vacuumed database", "throttling autovacuum", "reclaiming rows")) {
            assertThat(ids(queries.get("/api/search?tag=" + tag + "&q=" + query.replace(' ', '+')).ok().body())).as(query)
                    .containsExactly(id);
        }
    }

    /**
     * Issue 19: "similar past incidents" on real, varied write-ups: three unrelated pairs, each written in its own words
     * (different titles, summaries and root causes, sharing only what such incidents share); each finds its pair first.
     */
    @Test
    void similarFindsEachHandWrittenIncidentsPairFirst() {
        Map<String, String> pairs = new LinkedHashMap<>();
        String leak = incident("Customers in Brazil could not reach the API after a BGP route leak",
                "A transit provider announced our prefixes with a shorter path and traffic from Sao Paulo was blackholed for forty minutes.",
                "Route origin validation was not enabled on the edge routers.", List.of("bgp", "network"), List.of("edge-routers"));
        String hijack = incident("Traffic to Asia blackholed by a hijacked prefix announcement",
                "An upstream peer accepted a bogus announcement for one of our prefixes; requests from Singapore timed out.",
                "The peering sessions did not validate route origins (no RPKI).", List.of("bgp"), List.of("edge-routers"));
        String charged = incident("Customers were charged twice when the clocks changed to summer time",
                "The nightly billing run started twice in the hour that repeated at the daylight saving change.",
                "The billing scheduler used local time instead of UTC.", List.of("billing", "scheduler"), List.of("invoicing"));
        String duplicated = incident("Duplicate invoices after the autumn clock change",
                "Invoices were generated twice when the clocks went back; support refunded 1,200 customers.",
                "A cron expression in local time fires twice in a repeated hour.", List.of("billing"), List.of("invoicing"));
        String ios = incident("The iOS app crashed on launch after the 5.2 release",
                "A missing Portuguese localisation string made the app crash at start-up for a third of users in Portugal.",
                "The translation file lacked a key and the app force-unwrapped the missing value.", List.of("mobile", "release"),
                List.of("ios-app"));
        String android = incident("Android app crash loop for Portuguese speakers",
                "After the translations update the app crashed at launch whenever the phone's language was Portuguese.",
                "A translation key that was missing returned null and the start screen dereferenced it.", List.of("mobile"),
                List.of("android-app"));
        pairs.put(leak, hijack);
        pairs.put(hijack, leak);
        pairs.put(charged, duplicated);
        pairs.put(duplicated, charged);
        pairs.put(ios, android);
        pairs.put(android, ios);
        pairs.forEach((one, other) -> {
            JsonNode similar = queries.get("/api/postmortems/" + one + "/similar").ok().body();
            assertThat(similar.size()).as("incidents like %s", one).isPositive();
            assertThat(similar.get(0).path("id").asText()).as("the first incident like %s: %s", one, similar).isEqualTo(other);
        });
    }

    /** A post-mortem as people write one: title, summary, root cause, tags and services; once it is in the index. */
    private String incident(String title, String summary, String rootCause, List<String> tags, List<String> services) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        commands.put(pm + "/description", HttpApi.json(Map.of("summary", summary, "remediation", "", "additionalInfo", ""))).ok();
        commands.put(pm + "/root-cause", HttpApi.json(Map.of("rootCause", rootCause))).ok();
        commands.put(pm + "/tags", HttpApi.json(Map.of("tags", tags))).ok();
        commands.put(pm + "/affected-services", HttpApi.json(Map.of("services", services))).ok();
        // The services were written last: once a search finds them, the index holds the whole incident.
        awaitSearch("size=100&q=" + services.get(0).replace('-', '+'), r -> ids(r).contains(id));
        return id;
    }

    @Test
    void searchesKeepAnsweringWhileTheIndexIsRebuiltAndSwitched() throws Exception {
        String tag = word();
        create("Rebuild one", null, tag, null);
        create("Rebuild two", null, tag, null);
        awaitSearch("tag=" + tag, r -> r.path("total").asLong() == 2);
        List<String> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        Thread searcher = new Thread(() -> {
            while (rebuilding.get()) {
                HttpApi.Response response = queries.get("/api/search?tag=" + tag);
                answers.add(response.status() + ":" + (response.status() == 200 ? response.body().path("total").asLong() : -1));
            }
        });
        searcher.start();
        JsonNode rebuilt = queries.post("/api/admin/rebuild", null).ok().body();
        Pause.millis(300);
        rebuilding.set(false);
        searcher.join(10_000);

        assertThat(answers).isNotEmpty().containsOnly("200:2");
        assertThat(rebuilt.path("searchIndex").asText()).startsWith("postmortems-");
        assertThat(awaitSearch("tag=" + tag, r -> r.path("total").asLong() == 2).path("total").asLong()).isEqualTo(2);
        String later = create("After the rebuild", null, tag, null);
        assertThat(ids(awaitSearch("tag=" + tag, r -> r.path("total").asLong() == 3))).contains(later);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
