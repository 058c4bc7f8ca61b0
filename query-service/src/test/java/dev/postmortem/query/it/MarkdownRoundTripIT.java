package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.localstack.junit.HttpApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: a post-mortem exported as Markdown and imported again is the same post-mortem — every section the
 * template has — for 20 generated post-mortems and a hand-written case with the characters Markdown gives a meaning
 * to; importing the same file again is the same post-mortem, not a second one.
 */
class MarkdownRoundTripIT extends WholeSystemTest {

    private static final String[] KINDS = {"ACTION", "OBSERVATION", "INVESTIGATION_PATH", "RESOLUTION_STEP", "DETECTION", "USER_IMPACT"};
    private static final String[] ROLES = {"INVOLVED_IN_DECISIONS", "IDENTIFIED", "RESPONDED", "DIAGNOSED", "AFFECTED", "INTERESTED"};
    private static final String[] WORDS = {"checkout", "pool", "deploy", "cache", "queue", "resolver", "certificate", "region", "retry",
            "latency", "disk", "failover", "canary", "quota", "index"};

    @Test
    void twentyGeneratedPostMortemsComeBackTheSame() {
        Random random = new Random(21);
        for (int i = 0; i < 20; i++) {
            roundTrip(write(random, i, false));
        }
    }

    @Test
    void markdownsOwnCharactersInTheTextComeBackAsTheyWere() {
        roundTrip(write(new Random(7), 99, true));
    }

    private void roundTrip(String id) {
        JsonNode original = queries.get("/api/postmortems/" + id).ok().body();
        String markdown = queries.get("/api/postmortems/" + id + "/export.md").ok().raw().body();
        HttpApi.Response imported = commands.send("POST", "/api/postmortems?name=" + id + ".md", markdown.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/markdown", "X-Requested-With", "test");
        assertThat(imported.status()).as("import of %s:%n%s", id, markdown).isEqualTo(201);
        String copy = imported.body().path("id").asText();
        assertThat(imported.header("Location")).endsWith("/api/postmortems/" + copy);
        JsonNode view = awaitView(copy, imported.version(), Duration.ofSeconds(30));
        assertThat(comparable(view)).as("the import of %s:%n%s", id, markdown).isEqualTo(comparable(original));
        assertThat(view.at("/imported/format").asText()).isEqualTo("markdown");
        assertThat(view.at("/imported/sourceName").asText()).isEqualTo(id + ".md");
        assertThat(view.at("/imported/originalAuthor").asText()).isEqualTo(original.path("createdBy").asText());
        assertThat(view.path("createdBy").asText()).as("the importer").isEqualTo("admin");

        HttpApi.Response again = commands.send("POST", "/api/postmortems", markdown.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/markdown", "X-Requested-With", "test");
        assertThat(again.status()).as("the same file again").isEqualTo(200);
        assertThat(again.body().path("id").asText()).isEqualTo(copy);
        assertThat(again.body().path("alreadyImported").asBoolean()).isTrue();
    }

    /** What the template carries of a view: its sections, without ids, versions, who and when. */
    private static JsonNode comparable(JsonNode view) {
        ObjectNode kept = JSON.createObjectNode();
        for (String field : List.of("title", "meeting", "times", "severity", "rootCause", "summary", "remediation", "additionalInfo", "tags",
                "incident")) {
            if (view.has(field)) {
                kept.set(field, view.get(field));
            }
        }
        ArrayNode timeline = kept.putArray("timeline");
        view.path("timeline").forEach(entry -> {
            if (!entry.path("withdrawn").asBoolean()) {
                timeline.addObject().put("occurredAt", entry.path("occurredAt").asText()).put("kind", entry.path("kind").asText())
                        .put("description", entry.path("description").asText()).put("effect", entry.path("effect").asText())
                        .put("perspective", entry.path("perspective").asText());
            }
        });
        ArrayNode stakeholders = kept.putArray("stakeholders");
        view.path("stakeholders").forEach(s -> stakeholders.addObject().put("name", s.path("name").asText()).set("roles", s.path("roles")));
        ArrayNode whys = kept.putArray("fiveWhys");
        view.path("fiveWhys").forEach(w -> whys.addObject().put("step", w.path("step").asInt()).put("question", w.path("question").asText())
                                                 .put("answer", w.path("answer").asText()));
        ArrayNode tickets = kept.putArray("bugTickets");
        view.path("bugTickets").forEach(t -> tickets.addObject().put("reference", t.path("reference").asText()).put("url", t.path("url").asText()));
        ArrayNode countermeasures = kept.putArray("countermeasures");
        view.path("countermeasures").forEach(c -> countermeasures.addObject().put("title", c.path("title").asText())
                .put("priority", c.path("priority").asText()).put("type", c.path("type").asText()).put("owner", c.path("owner").asText(""))
                .put("targetDate", c.path("targetDate").asText("")).put("status", c.path("status").asText()));
        return kept;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private String write(Random random, int n, boolean hostileCharacters) {
        String title = hostileCharacters ? "Pipes | <tags> & [brackets] in *every* _field_ #" + n : sentence(random, 4) + " " + n;
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        Instant start = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(60L * random.nextInt(500_000));
        commands.put(pm + "/meeting", HttpApi.json(Map.of("meetingAt", start.plusSeconds(86_400 * 2).toString(),
                "contactPerson", "Ana " + word(random), "facilitatedBy", "Ben " + word(random)))).ok();
        commands.put(pm + "/times/start", HttpApi.json(Map.of("at", start.toString()))).ok();
        commands.put(pm + "/times/detect", HttpApi.json(Map.of("at", start.plusSeconds(60L * (1 + random.nextInt(30))).toString()))).ok();
        commands.put(pm + "/times/end", HttpApi.json(Map.of("at", start.plusSeconds(3_600 + 17).toString()))).ok();
        commands.put(pm + "/times/first-user-impact", HttpApi.json(Map.of("at", start.plusSeconds(120).toString()))).ok();
        commands.put(pm + "/severity", HttpApi.json(Map.of("level", "SEV" + (1 + random.nextInt(5))))).ok();
        int entries = 1 + random.nextInt(6);
        for (int e = 0; e < entries; e++) {
            String description = hostileCharacters && e == 0 ? "Ran `kill -9` on <pid> | then [retried] *twice* & waited" : sentence(random, 6);
            commands.post(pm + "/timeline", HttpApi.json(Map.of("occurredAt", start.plusSeconds(60L * e + (e % 2) * 31).toString(),
                    "kind", KINDS[random.nextInt(KINDS.length)], "description", description,
                    "effect", random.nextBoolean() ? sentence(random, 4) : "", "perspective", random.nextBoolean() ? "the on-call " + word(random) : ""))).ok();
        }
        for (int s = 0; s < random.nextInt(4); s++) {
            commands.post(pm + "/stakeholders", HttpApi.json(Map.of("name", "Person " + word(random) + " " + s,
                    "roles", List.of(ROLES[random.nextInt(ROLES.length)], ROLES[random.nextInt(ROLES.length)])))).ok();
        }
        int whys = random.nextInt(4);
        for (int w = 1; w <= whys; w++) {
            commands.put(pm + "/five-whys/" + w, HttpApi.json(Map.of("question", "Why did the " + word(random) + " fail?",
                    "answer", sentence(random, 5) + "."))).ok();
        }
        commands.put(pm + "/root-cause", HttpApi.json(Map.of("rootCause", sentence(random, 8) + "."))).ok();
        commands.put(pm + "/description", HttpApi.json(Map.of("summary", hostileCharacters ? "A *bold* claim, a `code` span and a [link](https://example.org/runbook)." : sentence(random, 10) + ".",
                "remediation", sentence(random, 6) + ".", "additionalInfo", sentence(random, 7) + ".\n\n" + sentence(random, 5) + "."))).ok();
        commands.put(pm + "/bug-tickets", HttpApi.json(Map.of("tickets", List.of(Map.of("reference", "OPS-" + (100 + n),
                "url", "https://tracker.example/OPS-" + (100 + n)))))).ok();
        commands.put(pm + "/tags", HttpApi.json(Map.of("tags", List.of(word(random), word(random) + "-" + n)))).ok();
        int countermeasures = random.nextInt(4);
        for (int c = 0; c < countermeasures; c++) {
            String cm = commands.post(pm + "/countermeasures", HttpApi.json(Map.of("title", "Fix the " + word(random) + " " + c,
                    "priority", List.of("CRITICAL", "HIGH", "MEDIUM", "LOW").get(random.nextInt(4)),
                    "type", List.of("PREVENTIVE", "DETECTIVE", "CORRECTIVE", "MITIGATING").get(random.nextInt(4))))).ok().body().path("id").asText();
            int step = random.nextInt(4);
            if (step >= 1) {
                commands.put(pm + "/countermeasures/" + cm + "/assignment", HttpApi.json(Map.of("owner", "Owner " + word(random),
                        "targetDate", LocalDate.of(2031, 1 + random.nextInt(12), 1 + random.nextInt(28)).toString()))).ok();
            }
            if (step >= 2) {
                commands.post(pm + "/countermeasures/" + cm + "/start", null, "X-Requested-With", "test").ok();
            }
            if (step >= 3) {
                commands.post(pm + "/countermeasures/" + cm + "/complete", HttpApi.json(Map.of("note", "Shipped"))).ok();
            }
        }
        long last = commands.put(pm + "/incident", HttpApi.json(Map.of("provider", "pagerduty", "incidentId", "Q" + UUID.randomUUID().toString()
                .replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT), "url", "https://acme.pagerduty.com/incidents/" + n))).ok().version();
        awaitView(id, last, Duration.ofSeconds(30));
        return id;
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String sentence(Random random, int words) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            picked.add(word(random));
        }
        String text = String.join(" ", picked);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
