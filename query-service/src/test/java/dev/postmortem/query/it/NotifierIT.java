package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.ServiceProcess;
import dev.postmortem.localstack.junit.TestUsers;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifier against real receivers on 127.0.0.1: a webhook receiver that checks nothing itself (the test checks the
 * signature), a Slack-format receiver, and GreenMail as the SMTP server. The notifier runs in a query-service process of
 * its own (as an operator would turn it on), in a consumer group of its own, beside the whole system.
 */
class NotifierIT extends WholeSystemTest {

    private static final String SECRET = "it-webhook-secret-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READER_MAIL = "reader@example.org";
    private static final String FACILITATOR_MAIL = "facilitator@example.org";
    private static final String AUTHOR_MAIL = "author@example.org";
    private static final String INSIDER_MAIL = "insider@example.org";

    @Autowired
    MongoTemplate mongo;

    private static GreenMail smtp;
    private static int hookPort;
    private static HttpServer hooks;
    private static volatile boolean hooksUp;
    private static volatile boolean brokenMended;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static ServiceProcess notifier;
    private static HttpApi notifierApi;

    record Received(String path, Map<String, List<String>> headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void startReceiversAndNotifier() throws IOException {
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        hookPort = freePort();
        startHooks();
        String hook = "http://127.0.0.1:" + hookPort;
        List<String> arguments = new ArrayList<>(List.of(
                "--postmortem.notify.webhooks[0].url=" + hook + "/events",
                "--postmortem.notify.webhooks[0].secret=" + SECRET,
                "--postmortem.notify.webhooks[0].format=cloudevents",
                "--postmortem.notify.webhooks[1].url=" + hook + "/slack",
                "--postmortem.notify.webhooks[1].format=slack",
                // a receiver that fails until the dead-letter test mends it
                "--postmortem.notify.webhooks[2].url=" + hook + "/broken",
                "--postmortem.notify.webhooks[2].format=slack",
                "--postmortem.notify.web-ui-url=http://ui.example.org",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--postmortem.notify.group-id=notifier-it-" + UUID.randomUUID(),
                "--postmortem.notify.dispatch-interval=200ms",
                // 0.5 s, 1 s, 2 s, then every 3 s: a dead letter after about 50 s, well after the 30 s a receiver is down
                "--postmortem.notify.retry.first=500ms",
                "--postmortem.notify.retry.max=3s",
                "--postmortem.notify.retry.attempts=20",
                // the digest only when asked (POST /api/admin/notifications/digest): every Sunday at 03:00 would do too
                "--postmortem.notify.digest.cron=-",
                "--postmortem.notify.resurface-cron=-"));
        String[][] users = {{"admin", "ADMIN", null, null}, {"facilitator", "FACILITATOR", FACILITATOR_MAIL, null},
                {"author", "AUTHOR", AUTHOR_MAIL, null}, {"reader", "READER", READER_MAIL, "reader-chat"},
                {"insider", "READER", INSIDER_MAIL, null}};
        for (int i = 0; i < users.length; i++) {
            arguments.add("--postmortem.security.users[" + i + "].name=" + users[i][0]);
            arguments.add("--postmortem.security.users[" + i + "].roles=" + users[i][1]);
            if (users[i][2] != null) {
                arguments.add("--postmortem.security.users[" + i + "].email=" + users[i][2]);
            }
            if (users[i][3] != null) {
                arguments.add("--postmortem.security.users[" + i + "].chat=" + users[i][3]);
            }
        }
        arguments.add("--postmortem.security.users[4].groups=security");
        notifier = ServiceProcess.queryService(LocalStackExtension.shared(), Path.of("target"), arguments.toArray(String[]::new));
        notifierApi = new HttpApi(notifier.baseUrl()).as(TestUsers.ADMIN);
    }

    private static void startHooks() throws IOException {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", hookPort), 0);
        hooks.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/broken") && !brokenMended) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        hooksUp = true;
    }

    @AfterAll
    static void stopAll() {
        if (notifier != null) {
            notifier.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aPublishedPostMortemIsAnnouncedOnceOnEachChannelAndToItsStakeholders() throws Exception {
        String title = "Checkout timeouts " + UUID.randomUUID().toString().substring(0, 8);
        String id = publishable(title, List.of("reader", FACILITATOR_MAIL, "Someone Without Address"));
        long published = commands.post("/api/postmortems/" + id + "/publish", null).ok().version();

        Received event = await("the CloudEvent").atMost(Duration.ofSeconds(30)).until(() -> hookCalls("/events", id), calls -> calls.size() == 1).get(0);
        assertThat(event.header("Content-Type")).isEqualTo("application/cloudevents+json");
        assertThat(event.header("X-Postmortem-Signature-256")).as("HMAC-SHA256 over the body with the webhook's secret")
                                                              .isEqualTo("sha256=" + hmac(SECRET, event.body()));
        assertThat(event.header("X-Postmortem-Signature-256")).isNotEqualTo("sha256=" + hmac(SECRET + "x", event.body()));
        assertThat(event.json().path("type").asText()).isEqualTo("postmortem.PostMortemPublished.v1");
        assertThat(event.json().path("data").path("postMortemId").asText()).isEqualTo(id);

        Received slack = await("the Slack message").atMost(Duration.ofSeconds(30)).until(() -> hookCalls("/slack", id), calls -> calls.size() == 1).get(0);
        assertThat(slack.header("X-Postmortem-Signature-256")).as("no secret, no signature").isNull();
        assertThat(slack.json().path("text").asText()).contains(title).contains("http://ui.example.org/postmortems/" + id);
        assertThat(slack.json().path("blocks").get(0).at("/text/text").asText()).contains("<http://ui.example.org/postmortems/" + id + "|");
        assertThat(slack.json().path("blocks").toString()).contains("@reader-chat");

        await("e-mails to the stakeholders").atMost(Duration.ofSeconds(30))
                .until(() -> mailsAbout(title).stream().map(NotifierIT::to).toList(),
                        to -> to.containsAll(List.of(READER_MAIL, FACILITATOR_MAIL)));
        MimeMessage mail = mailsAbout(title).stream().filter(m -> to(m).equals(READER_MAIL)).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("Post-mortem published: " + title + " (SEV3)");
        MimeMultipart alternatives = alternatives(mail);
        assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
        assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternatives.getBodyPart(0).getContent().toString()).contains("Connections ran out").contains("http://ui.example.org/postmortems/" + id);
        assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(alternatives.getBodyPart(1).getContent().toString()).contains("&lt;pool&gt;").doesNotContain("<pool>");

        // The stream delivers the whole post-mortem again (the publisher is at-least-once), to a notifier that has lost
        // its state of it (as after a crash between storing the messages and its state): the same messages are made
        // again, and nothing is sent twice.
        mongo.remove(Query.query(Criteria.where("_id").is(id)), "notify_views");
        List<byte[]> again = RawTopic.eventsOf(id, (int) published + 1).stream().map(record -> record.value()).toList();
        RawTopic.send(id, again.toArray(byte[][]::new));
        Thread.sleep(3000);
        assertThat(hookCalls("/events", id)).hasSize(1);
        assertThat(hookCalls("/slack", id)).hasSize(1);
        assertThat(mailsAbout(title).stream().map(NotifierIT::to).toList())
                .containsExactlyInAnyOrder(READER_MAIL, FACILITATOR_MAIL);
        JsonNode outbox = notifierApi.get("/api/admin/notifications?postMortemId=" + id + "&size=100").ok().body();
        assertThat(outbox.path("items")).as("two webhooks, two e-mails, and the broken receiver's").hasSize(5);
        List<String> statuses = new ArrayList<>();
        outbox.path("items").forEach(item -> {
            if (!item.path("recipient").asText().endsWith("/broken")) {
                statuses.add(item.path("status").asText());
            }
        });
        assertThat(statuses).hasSize(4).containsOnly("SENT");
    }

    @Test
    void aReceiverThatIsDownForThirtySecondsGetsEverythingOnceWhenItIsBack() throws Exception {
        hooks.stop(0);
        hooksUp = false;
        try {
            String first = publishable("Queue backlog " + UUID.randomUUID().toString().substring(0, 8), List.of());
            String second = publishable("Cache stampede " + UUID.randomUUID().toString().substring(0, 8), List.of());
            commands.post("/api/postmortems/" + first + "/publish", null).ok();
            commands.post("/api/postmortems/" + second + "/publish", null).ok();
            await("attempts while the receiver is down").atMost(Duration.ofSeconds(30)).until(
                    () -> notifierApi.get("/api/admin/notifications?postMortemId=" + second + "&status=PENDING").ok().body().path("items"),
                    items -> items.size() == 3 && items.get(0).path("attempts").asInt() >= 2);
            Thread.sleep(30_000);
            JsonNode waiting = notifierApi.get("/api/admin/notifications?postMortemId=" + first + "&status=PENDING").ok().body().path("items");
            assertThat(waiting).as("still waiting, none dropped (two receivers and the broken one)").hasSize(3);
            assertThat(waiting.get(0).path("lastError").asText()).isNotBlank();
            startHooks();
            for (String id : List.of(first, second)) {
                await("both receivers get " + id).atMost(Duration.ofSeconds(30))
                        .until(() -> hookCalls("/events", id).size() == 1 && hookCalls("/slack", id).size() == 1);
            }
            Thread.sleep(3000);
            for (String id : List.of(first, second)) {
                assertThat(hookCalls("/events", id)).as("nothing twice").hasSize(1);
                assertThat(hookCalls("/slack", id)).hasSize(1);
                List<String> deliveries = received.stream().filter(r -> r.path().equals("/events")).map(r -> r.header("X-Postmortem-Delivery")).toList();
                assertThat(deliveries).doesNotHaveDuplicates();
            }
        } finally {
            if (!hooksUp) {
                startHooks();
            }
        }
    }

    @Test
    void aRestrictedPostMortemIsAnnouncedOnlyToItsPeople() throws Exception {
        String title = "Token leak " + UUID.randomUUID().toString().substring(0, 8);
        HttpApi facilitator = commands.as(TestUsers.FACILITATOR);
        String id = publishable(title, List.of("insider", "reader", INSIDER_MAIL.replace("insider", "outsider")));
        facilitator.put("/api/postmortems/" + id + "/restriction", "{\"groups\":[\"security\"]}").ok();
        facilitator.post("/api/postmortems/" + id + "/publish", null).ok();

        await("the insider's e-mail").atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(title).stream().map(NotifierIT::to).toList(),
                to -> to.contains(INSIDER_MAIL));
        Thread.sleep(3000);
        assertThat(mailsAbout(title).stream().map(NotifierIT::to).toList())
                .as("the reader is a stakeholder but not in the group; an address nobody is known by may not see it either")
                .containsExactly(INSIDER_MAIL);
        assertThat(hookCalls("/events", id)).as("a channel is read by anyone").isEmpty();
        assertThat(hookCalls("/slack", id)).isEmpty();
        assertThat(received.stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).filter(body -> body.contains(title))).isEmpty();

        JsonNode entry = notifierApi.get("/api/admin/notifications?postMortemId=" + id).ok().body().path("items").get(0);
        assertThat(entry.path("redacted").asBoolean()).as("the admin is not in the group").isTrue();
        assertThat(entry.has("subject")).isFalse();
        assertThat(entry.toString()).doesNotContain(title);
    }

    @Test
    void reviewersAreAskedAndTheAuthorHearsTheirVerdict() throws Exception {
        HttpApi author = new HttpApi(commandServiceUrl()).as(TestUsers.AUTHOR);
        HttpApi reader = new HttpApi(commandServiceUrl()).as(TestUsers.READER);
        String title = "Review flow " + UUID.randomUUID().toString().substring(0, 8);
        String id = author.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        author.post("/api/postmortems/" + id + "/submit-for-review", "{\"reviewers\":[\"reader\"]}").ok();
        await("the review request").atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(title).stream()
                .anyMatch(m -> to(m).equals(READER_MAIL) && subject(m).startsWith("Review requested")));
        reader.post("/api/postmortems/" + id + "/review/comments", "{\"section\":\"SUMMARY\",\"text\":\"Which users saw it?\"}").ok();
        reader.post("/api/postmortems/" + id + "/review/approve", "{\"note\":\"Clear.\"}").ok();
        await("the author hears both").atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(title).stream()
                .filter(m -> to(m).equals(AUTHOR_MAIL)).map(NotifierIT::subject).toList(),
                subjects -> subjects.contains("New review comment on " + title) && subjects.contains("Approved: " + title));
        assertThat(mailsAbout(title).stream().filter(m -> to(m).equals(READER_MAIL)).map(NotifierIT::subject))
                .as("the reviewer is not told of their own comment").containsExactly("Review requested: " + title);
    }

    @Test
    void anOverdueCountermeasureIsInItsOwnersDigest() throws Exception {
        String title = "Disk full " + UUID.randomUUID().toString().substring(0, 8);
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        String countermeasure = "Alert at 80 % disk " + UUID.randomUUID().toString().substring(0, 6);
        String cm = commands.post(pm + "/countermeasures", HttpApi.json(Map.of("title", countermeasure, "priority", "HIGH", "type", "DETECTIVE")))
                            .ok().body().path("id").asText();
        long assigned = commands.put(pm + "/countermeasures/" + cm + "/assignment",
                HttpApi.json(Map.of("owner", "author", "targetDate", LocalDate.now().minusDays(3).toString()))).ok().version();
        awaitView(id, assigned, Duration.ofSeconds(30));
        await("the countermeasure in the read model").atMost(Duration.ofSeconds(30))
                .until(() -> queries.get("/api/countermeasures?owner=author&size=100").ok().body().path("items").findValuesAsText("id").contains(cm));

        JsonNode run = notifierApi.post("/api/admin/notifications/digest", null).ok().body();
        assertThat(run.path("owners").asInt()).isGreaterThanOrEqualTo(1);
        MimeMessage digest = await("the author's digest").atMost(Duration.ofSeconds(30)).until(
                () -> Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(AUTHOR_MAIL) && subject(m).startsWith("Your countermeasures")).toList(),
                found -> !found.isEmpty()).get(0);
        assertThat(subject(digest)).contains("overdue");
        String text = GreenMailUtil.getBody(digest);
        assertThat(text).contains(countermeasure).contains(title);
        assertThat(notifierApi.post("/api/admin/notifications/digest", null).ok().body().path("queued").asInt())
                .as("one digest a day per owner").isZero();
    }

    @Test
    void aMessageThatCannotBeDeliveredBecomesADeadLetterThatAnOperatorSendsAgain() throws Exception {
        String id = publishable("Broken receiver " + UUID.randomUUID().toString().substring(0, 8), List.of());
        commands.post("/api/postmortems/" + id + "/publish", null).ok();
        JsonNode dead = await("a dead letter after the last attempt").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> notifierApi.get("/api/admin/notifications?status=DEAD&postMortemId=" + id).ok().body().path("items"),
                        items -> items.size() == 1).get(0);
        assertThat(dead.path("recipient").asText()).endsWith("/broken");
        assertThat(dead.path("attempts").asInt()).isEqualTo(20);
        assertThat(dead.path("lastError").asText()).contains("503");
        assertThat(hookCalls("/broken", id)).isEmpty();
        String letter = dead.path("id").asText();
        brokenMended = true;
        JsonNode resent = notifierApi.post("/api/admin/notifications/" + letter + "/resend", null).ok().body();
        assertThat(resent.path("status").asText()).isEqualTo("PENDING");
        assertThat(resent.path("attempts").asInt()).isZero();
        assertThat(resent.at("/resends/0/by").asText()).isEqualTo(TestUsers.ADMIN);
        Received delivered = await("the resent message").atMost(Duration.ofSeconds(30)).until(() -> hookCalls("/broken", id),
                calls -> calls.size() == 1).get(0);
        assertThat(delivered.header("X-Postmortem-Delivery")).isEqualTo(letter);
        await("recorded as sent").atMost(Duration.ofSeconds(10))
                .until(() -> notifierApi.get("/api/admin/notifications/" + letter).ok().body().path("status").asText(), "SENT"::equals);
        assertThat(notifierApi.post("/api/admin/notifications/" + letter + "/resend", null).problem(409).path("type").asText())
                .as("a sent message is not sent again").isEqualTo("urn:problem-type:postmortem:notification-not-dead");
        assertThat(notifierApi.post("/api/admin/notifications/n-000000000000000000000000/resend", null).problem(404).path("type").asText())
                .isEqualTo("urn:problem-type:postmortem:notification-not-found");
    }

    @Test
    void theChatHearsOnceAMonthOfThisMonthsIncidentsInEarlierYears() throws Exception {
        String title = "Leap second " + UUID.randomUUID().toString().substring(0, 8);
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        Instant twoYearsAgo = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusYears(2).atTime(12, 0)
                                                 .toInstant(ZoneOffset.UTC);
        awaitView(id, commands.put("/api/postmortems/" + id + "/times/start", HttpApi.json(Map.of("at", twoYearsAgo.toString()))).ok().version(),
                Duration.ofSeconds(30));
        JsonNode run = notifierApi.post("/api/admin/notifications/resurface", null).ok().body();
        assertThat(run.path("incidents").asInt()).isPositive();
        Received message = await("this month in earlier years").atMost(Duration.ofSeconds(30))
                .until(() -> hookCalls("/slack", id), calls -> calls.size() == 1).get(0);
        assertThat(message.json().path("blocks").toString()).contains(title).contains("2 years ago")
                                                            .contains("http://ui.example.org/postmortems/" + id);
        assertThat(hookCalls("/events", id)).as("not an event of the stream: no CloudEvent").isEmpty();
        assertThat(notifierApi.post("/api/admin/notifications/resurface", null).ok().body().path("queued").asInt())
                .as("once a month").isZero();
    }

    /** A post-mortem that may be published (SEV3: no approval needed), in review, with these stakeholders. */
    private String publishable(String title, List<String> stakeholders) {
        String id = commands.post("/api/postmortems", HttpApi.json(Map.of("title", title))).ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        commands.put(pm + "/severity", "{\"level\":\"SEV3\"}").ok();
        commands.put(pm + "/description", HttpApi.json(Map.of("summary", "Connections ran out in the <pool> for 20 minutes."))).ok();
        commands.post(pm + "/timeline", "{\"occurredAt\":\"2026-11-20T10:07:00Z\",\"kind\":\"DETECTION\",\"description\":\"Alert fired\"}").ok();
        for (String stakeholder : stakeholders) {
            commands.post(pm + "/stakeholders", HttpApi.json(Map.of("name", stakeholder, "roles", List.of("RESPONDED")))).ok();
        }
        commands.post(pm + "/submit-for-review", null).ok();
        return id;
    }

    private static List<Received> hookCalls(String path, String postMortemId) {
        return received.stream().filter(r -> r.path().equals(path)).filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(postMortemId)).toList();
    }

    private static List<MimeMessage> mailsAbout(String title) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(title)).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MimeMultipart alternatives(MimeMessage message) throws Exception {
        return (MimeMultipart) message.getContent();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
