package dev.postmortem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.localstack.junit.HeadlessChromium;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People using the web UI in real headless Chromium, against the real services. An author writes a post-mortem from a
 * blank page through every section of the template — meeting, incident times (a named one too), severity, timeline
 * entries added, corrected and withdrawn, stakeholders and their roles, the 5 whys (one removed again), the root
 * cause, countermeasures, the description, bug tickets, tags, services and teams — with the blameless-language hint
 * appearing as they type, and submits it naming a facilitator as reviewer; the facilitator is told what publishing
 * still needs (the approval a SEV2 needs among it), assigns one countermeasure, declines the other, completes the
 * first, approves and publishes. The post-mortem is then found by a word of its
 * timeline, filtered by a facet; its history names who changed what, a change opens as a diff, and the post-mortem
 * opens as it stood right after its first change; the Markdown downloads; the countermeasures page and the KPI
 * dashboard show it. A reviewer the author names finds the post-mortem waiting for their review on the home page,
 * comments, approves, and sees it leave that list. A second person's change meanwhile, in a second browser, gets the first the conflict page with
 * their text kept. A reader sees no controls, is refused a write even with a valid form token, and finds a restricted
 * post-mortem nowhere: not by its URL (the same "Not found" as an unknown id), not on home, in search, among
 * countermeasures and owners, nor on the KPI page. Every page is checked with axe-core (WCAG 2.1 A and AA: no serious
 * or critical violation) and photographed into {@code target/screenshots/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); see {@link HeadlessChromium}.
 */
class WebUiBrowserIT extends AgainstTheServices {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AXE = axeSource();

    private final List<Person> people = new ArrayList<>();
    private final List<String> inaccessible = new ArrayList<>();

    /** A failed test leaves a photograph of each browser it opened, as it stood at the failure (before they close). */
    @RegisterExtension
    final AfterTestExecutionCallback photographOnFailure = context -> {
        if (context.getExecutionException().isPresent()) {
            people.forEach(person -> person.screenshot("failure-" + context.getRequiredTestMethod().getName() + "-" + person.name));
        }
    };

    @AfterEach
    void closeBrowsers() {
        people.forEach(Person::close);
    }

    /** A new browser (its own cookies: its own session). */
    private Person person(String name) {
        Person person = new Person(name, HeadlessChromium.start(1280, 1000));
        people.add(person);
        return person;
    }

    @Test
    void aPostMortemIsWrittenReviewedPublishedFoundAndAudited() {
        String word = "marmot" + unique();
        String timelineWord = "quoll" + unique();
        String title = "Checkout slowed while the connection pool ran out " + word;
        Person author = person("author");
        author.signIn(TestUsers.AUTHOR);
        author.check("home");
        author.browser.findElement(By.linkText("New post-mortem")).click();
        author.waitForHeading("New post-mortem");
        author.check("new");
        author.type(By.id("title"), title);
        author.browser.findElement(By.cssSelector("main button[type=submit].primary")).click();
        author.waitForHeading(title);
        String id = author.browser.getCurrentUrl().replaceAll(".*/postmortems/([0-9a-f-]{36}).*", "$1");

        author.setValue(By.id("meetingAt"), "2026-11-22T10:00");
        author.type(By.id("contactPerson"), "Ana Pereira");
        author.type(By.id("facilitatedBy"), "Sam Okafor");
        author.click("Save meeting details");
        author.waitForSaved();

        author.setValue(By.id("time-start"), "2026-11-20T14:00");
        author.setValue(By.id("time-detect"), "2026-11-20T14:07");
        author.setValue(By.id("time-end"), "2026-11-20T15:10");
        author.click("Save times");
        author.waitForSaved();
        assertThat(author.browser.findElement(By.id("time-detect")).getAttribute("value")).isEqualTo("2026-11-20T14:07");
        author.summary("Record another time");
        author.type(By.id("time-name"), "first-user-impact");
        author.setValue(By.id("time-at"), "2026-11-20T14:03");
        author.click("Record the time");
        author.waitForSaved();
        assertThat(author.text("#times")).contains("first-user-impact", "2026-11-20 14:03 UTC");

        author.browser.findElement(By.cssSelector("input[name=level][value=SEV2]")).click();
        author.click("Set severity");
        author.waitForSaved();
        assertThat(author.browser.findElement(By.cssSelector("input[name=level][value=SEV2]")).isSelected()).isTrue();

        author.summary("Add an entry");
        author.setValue(By.id("occurredAt"), "2026-11-20T14:07");
        new Select(author.browser.findElement(By.id("kind"))).selectByValue("DETECTION");
        author.type(By.id("description"), "The on-call engineer should have seen the alert");
        author.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("description-warnings"), "should have"));
        author.check("language-hint");
        author.browser.findElement(By.id("description")).clear();
        author.type(By.id("description"), "The latency alert fired; the " + timelineWord + " dashboard showed the pool at its limit");
        author.wait.until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.id("description-warnings"),
                "should have")));
        author.click("Add to the timeline");
        author.waitForSaved();
        author.summary("Add an entry");
        author.setValue(By.id("occurredAt"), "2026-11-20T14:30");
        new Select(author.browser.findElement(By.id("kind"))).selectByValue("ACTION");
        author.type(By.id("description"), "Restarted the checkout pods");
        author.click("Add to the timeline");
        author.waitForSaved();
        author.entry("Restarted the checkout pods").findElement(By.tagName("summary")).click();
        WebElement restart = author.entry("Restarted the checkout pods");
        restart.findElement(By.name("effect")).sendKeys("Latency recovered for four minutes, then rose again");
        author.press(restart.findElement(By.xpath(".//button[normalize-space()='Save the correction']")));
        author.waitForSaved();
        assertThat(author.text("#timeline")).contains("Latency recovered for four minutes");
        author.summary("Add an entry");
        author.setValue(By.id("occurredAt"), "2026-11-20T14:40");
        author.type(By.id("description"), "Entered at the wrong time");
        author.click("Add to the timeline");
        author.waitForSaved();
        author.entry("Entered at the wrong time").findElement(By.tagName("summary")).click();
        author.press(author.entry("Entered at the wrong time").findElement(By.xpath(".//button[normalize-space()='Withdraw this entry']")));
        author.waitForSaved();
        assertThat(author.entry("Entered at the wrong time").getText()).contains("WITHDRAWN");

        author.type(By.id("stakeholder-name"), "Ana Pereira");
        author.browser.findElement(By.cssSelector("#stakeholders input[name=roles][value=RESPONDED]")).click();
        author.browser.findElement(By.cssSelector("#stakeholders input[name=roles][value=DIAGNOSED]")).click();
        author.click("Add stakeholder");
        author.waitForSaved();
        author.browser.findElement(By.cssSelector("#stakeholders summary[aria-label='Change the roles of Ana Pereira']")).click();
        author.browser.findElement(By.cssSelector("#stakeholders li input[name=roles][value=INVOLVED_IN_DECISIONS]")).click();
        author.click("Save roles");
        author.waitForSaved();
        assertThat(author.text("#stakeholders")).contains("Ana Pereira", "involved in decisions", "responded", "diagnosed");

        for (String[] why : new String[][] {{"Why did checkout slow down?", "Requests waited for a free database connection."},
                {"Why were there no free connections?", "The deploy doubled the workers per pod; the pool stayed at 50."},
                {"Why was that not caught?", "A question asked twice."}}) {
            author.type(By.id("question"), why[0]);
            author.type(By.id("answer"), why[1]);
            author.click("Add this why");
            author.waitForSaved();
        }
        author.press(author.browser.findElement(By.cssSelector("#whys button[aria-label='Remove the last why']")));
        author.waitForSaved();
        assertThat(author.text("#whys")).contains("no free connections").doesNotContain("A question asked twice");
        author.type(By.id("rootCause"), "The pool size is fixed per pod, so more workers per pod share the same connections.");
        author.click("Save root cause");
        author.waitForSaved();

        for (String countermeasure : List.of("Alert on pool saturation before latency", "Rewrite checkout in another language")) {
            author.summary("Propose a countermeasure");
            author.type(By.id("cm-title"), countermeasure);
            author.click("Propose");
            author.waitForSaved();
        }

        author.type(By.id("summary"), "Checkout requests waited for a database connection for 70 minutes after a deploy "
                + "doubled the workers per pod while the pool stayed at 50.");
        author.type(By.id("remediation"), "Rolled the deploy back at 15:02; latency was normal by 15:10.");
        author.click("Save description");
        author.waitForSaved();

        author.type(By.id("tickets"), "OPS-4121 https://tracker.example.com/OPS-4121");
        author.click("Save tickets");
        author.waitForSaved();
        assertThat(author.browser.findElement(By.linkText("OPS-4121")).getAttribute("href")).isEqualTo("https://tracker.example.com/OPS-4121");

        WebElement tags = author.browser.findElement(By.id("tags"));
        tags.clear();
        tags.sendKeys("database, " + word);
        author.type(By.id("services"), "checkout");
        author.type(By.id("teams"), "payments");
        author.click("Save labels");
        author.waitForSaved();
        // htmx fills the similar-incidents panel after the page is shown, in place of the link for browsers without it.
        author.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.linkText("Look for similar past incidents")));
        assertThat(author.text("#similar")).satisfiesAnyOf(panel -> assertThat(panel).isEqualTo("None found yet."),
                panel -> assertThat(author.browser.findElements(By.cssSelector("#similar li a"))).isNotEmpty());
        author.check("postmortem-draft");

        // A SEV2 needs one reviewer's approval before it is published (the shipped rules); the facilitator reviews it.
        author.type(By.id("reviewers"), TestUsers.FACILITATOR);
        author.click("Submit for review");
        author.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pm-head .badge"), "IN REVIEW"));
        author.signOut();

        Person facilitator = author;
        facilitator.signIn(TestUsers.FACILITATOR);
        facilitator.browser.findElement(By.xpath("//section[h2[@id='review']]//a[normalize-space()='" + title + "']")).click();
        facilitator.waitForHeading(title);
        facilitator.click("Publish");
        WebElement notReady = facilitator.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[strong='Not ready to publish:']")));
        assertThat(notReady.getText()).contains("'Alert on pool saturation before latency' needs an owner and a target date",
                "'Rewrite checkout in another language' needs an owner and a target date",
                "needs 1 approval from its reviewers at SEV2; it has 0");
        facilitator.check("publish-refused");

        WebElement alert = facilitator.countermeasure("Alert on pool saturation before latency");
        alert.findElement(By.xpath(".//summary[normalize-space()='Assign']")).click();
        alert = facilitator.countermeasure("Alert on pool saturation before latency");
        alert.findElement(By.name("owner")).sendKeys("Payments platform team");
        facilitator.setValue(alert.findElement(By.name("targetDate")), "2027-01-15");
        facilitator.press(alert.findElement(By.xpath(".//button[normalize-space()='Assign']")));
        facilitator.waitForSaved();
        WebElement rewrite = facilitator.countermeasure("Rewrite checkout in another language");
        rewrite.findElement(By.name("reason")).sendKeys("Out of proportion to this incident");
        facilitator.press(rewrite.findElement(By.xpath(".//button[normalize-space()='Decline']")));
        facilitator.waitForSaved();
        facilitator.press(facilitator.countermeasure("Alert on pool saturation before latency")
                                     .findElement(By.xpath(".//button[normalize-space()='Start']")));
        facilitator.waitForSaved();
        WebElement started = facilitator.countermeasure("Alert on pool saturation before latency");
        started.findElement(By.name("note")).sendKeys("Alert on 80 % pool use, paging the owning team");
        facilitator.press(started.findElement(By.xpath(".//button[normalize-space()='Complete']")));
        facilitator.waitForSaved();
        assertThat(facilitator.text("#countermeasures")).contains("COMPLETED", "DECLINED", "Declined: Out of proportion to this incident");
        facilitator.click("Approve");
        facilitator.waitForSaved();
        assertThat(facilitator.text("#review .reviewers")).contains(TestUsers.FACILITATOR, "approved");
        facilitator.click("Publish");
        facilitator.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pm-head .badge"), "PUBLISHED"));
        facilitator.check("postmortem-published");

        WebElement search = facilitator.browser.findElement(By.cssSelector("header form[role=search] input"));
        search.sendKeys(timelineWord);
        search.submit();
        facilitator.waitForHeading("Search");
        facilitator.wait.until(driver -> !driver.findElements(By.linkText(title)).isEmpty() || refresh(driver));
        assertThat(facilitator.text("article.hit")).contains("timeline:");
        assertThat(facilitator.browser.findElement(By.cssSelector("article.hit em.hl")).getText()).isEqualTo(timelineWord);
        facilitator.check("search");
        facilitator.browser.findElement(By.xpath("//aside//a[normalize-space()='database']")).click();
        facilitator.wait.until(ExpectedConditions.urlContains("tag=database"));
        assertThat(facilitator.browser.findElements(By.linkText(title))).hasSize(1);
        assertThat(facilitator.browser.findElement(By.xpath("//aside//a[@aria-current='true']")).getText()).contains("database");

        facilitator.browser.findElement(By.linkText(title)).click();
        facilitator.waitForHeading(title);
        facilitator.browser.findElement(By.linkText("History")).click();
        facilitator.waitForHeading("History of");
        assertThat(facilitator.text("main")).contains("PostMortemCreated by " + TestUsers.AUTHOR, "WhyRemoved by " + TestUsers.AUTHOR,
                "CountermeasureDeclined by " + TestUsers.FACILITATOR, "PostMortemPublished by " + TestUsers.FACILITATOR);
        facilitator.check("history");
        facilitator.browser.findElements(By.linkText("What this changed")).get(0).click();
        facilitator.waitForHeading("Compare versions");
        assertThat(facilitator.text("main")).contains("From version 0 to 1", "Ana Pereira");
        facilitator.check("diff");
        facilitator.browser.navigate().back();
        facilitator.browser.findElements(By.linkText("The post-mortem right after it")).get(0).click();
        facilitator.waitForHeading(title);
        assertThat(facilitator.text("main")).contains("version 0 of", "DRAFT").doesNotContain(timelineWord);
        facilitator.check("as-of");

        String markdown = (String) facilitator.js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/postmortems/%s/export.md').then(r => r.text().then(t => done(r.status + '\\n'
                    + r.headers.get('Content-Disposition') + '\\n' + t)));
                """.formatted(id));
        assertThat(markdown).startsWith("200\nattachment; filename=\"postmortem-" + id + ".md\"\n")
                            .contains(title, "OPS-4121", "Requests waited for a free database connection.", "Payments platform team");

        facilitator.browser.findElement(By.linkText("Countermeasures")).click();
        facilitator.waitForHeading("Countermeasures");
        facilitator.type(By.id("cm-owner"), "Payments platform team");
        facilitator.click("Show");
        facilitator.wait.until(ExpectedConditions.urlContains("owner=Payments"));
        assertThat(facilitator.text("main")).contains("Alert on pool saturation before latency", title, "Follow-through per owner",
                "Payments platform team");
        facilitator.check("countermeasures");

        facilitator.browser.findElement(By.linkText("KPIs")).click();
        facilitator.waitForHeading("KPIs");
        facilitator.setValue(By.id("kpi-from"), "2026-11-01");
        facilitator.setValue(By.id("kpi-to"), "2026-12-01");
        facilitator.click("Show");
        facilitator.wait.until(ExpectedConditions.urlContains("from=2026-11-01"));
        assertThat(facilitator.browser.findElements(By.cssSelector("figure.chart svg rect.bar"))).isNotEmpty();
        assertThat(facilitator.text("main")).contains("Time to detect", "Time to resolve", "2026-11");
        facilitator.check("kpis");

        JsonNode published = queries(TestUsers.READER).get("/api/postmortems/" + id).ok().body();
        assertThat(published.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(published.path("createdBy").asText()).isEqualTo(TestUsers.AUTHOR);
        assertThat(published.path("times").path("first-user-impact").asText()).isEqualTo("2026-11-20T14:03:00Z");
        assertThat(published.path("stakeholders").get(0).path("roles").size()).isEqualTo(3);
        assertThat(published.path("fiveWhys").size()).isEqualTo(2);
        assertThat(inaccessible).as("axe-core: serious or critical WCAG 2 A/AA violations").isEmpty();
    }

    /**
     * Issue 20: the author names a reviewer, who finds it waiting for their review on the home page and comments on a
     * timeline entry; the author resolves it, the reviewer approves (and it leaves their home page's list), the
     * facilitator publishes.
     */
    @Test
    void aReviewerCommentsOnATimelineEntryTheAuthorResolvesItTheReviewerApprovesTheFacilitatorPublishes() {
        String title = "Cache stampede " + unique();
        String id = started(TestUsers.AUTHOR, title);
        HttpApi api = commands(TestUsers.AUTHOR);
        String pm = "/api/postmortems/" + id;
        api.put(pm + "/severity", "{\"level\":\"SEV2\"}").ok();
        api.put(pm + "/description", HttpApi.json(Map.of("summary", "Product pages were slow for 20 minutes.", "remediation", "",
                "additionalInfo", ""))).ok();
        long written = api.post(pm + "/timeline", HttpApi.json(Map.of("occurredAt", "2026-11-20T09:12:00Z", "kind", "DETECTION",
                "description", "The cache hit rate fell to 20 %"))).ok().version();
        view(TestUsers.AUTHOR, id, written);

        Person author = person("author");
        Person reviewer = person("reviewer");
        author.signIn(TestUsers.AUTHOR);
        author.browser.get(webUi() + "/postmortems/" + id);
        author.waitForHeading(title);
        author.type(By.id("reviewers"), "reader");
        author.click("Submit for review");
        author.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pm-head .badge"), "IN REVIEW"));
        assertThat(author.text("#review .reviewers")).contains("reader", "not yet");
        assertThat(author.browser.findElements(By.xpath("//button[normalize-space()='Approve']"))).as("the author does not approve").isEmpty();

        reviewer.signIn(TestUsers.READER);
        reviewer.browser.get(webUi() + "/");
        reviewer.waitForHeading("Home");
        WebElement waiting = reviewer.awaitingReview(title);
        assertThat(waiting.getText()).contains("SEV2", "submitted by " + TestUsers.AUTHOR + " on ");
        assertThat(reviewer.browser.findElements(By.xpath("//section[h2[@id='drafts']]//a[contains(normalize-space(), '" + title + "')]")))
                .as("not among the drafts").isEmpty();
        reviewer.check("home-review");
        waiting.findElement(By.partialLinkText(title)).click();
        reviewer.waitForHeading(title);
        new Select(reviewer.browser.findElement(By.id("about"))).selectByVisibleText("The cache hit rate fell to 20 %");
        reviewer.type(By.id("comment-text"), "Was the hit-rate alert the first signal, or did customers report it earlier?");
        reviewer.click("Add comment");
        reviewer.waitForSaved();
        assertThat(reviewer.text("#review .thread")).contains("Timeline: The cache hit rate fell to 20 %", "reader",
                "Was the hit-rate alert the first signal");
        reviewer.check("review-commented");

        author.browser.get(webUi() + "/postmortems/" + id);
        author.waitForHeading(title);
        author.type(By.cssSelector("#review .thread input[name=text]"), "The alert came first; customers wrote four minutes later.");
        author.click("Reply");
        author.waitForSaved();
        author.click("Resolve");
        author.waitForSaved();
        assertThat(author.text("#review .thread")).contains("resolved by author", "customers wrote four minutes later");

        reviewer.browser.get(webUi() + "/postmortems/" + id);
        reviewer.waitForHeading(title);
        reviewer.click("Approve");
        reviewer.waitForSaved();
        assertThat(reviewer.text("#review .reviewers")).contains("reader", "approved");
        assertThat(reviewer.browser.findElements(By.xpath("//button[normalize-space()='Approve']"))).as("approved once").isEmpty();
        reviewer.check("review-approved");
        reviewer.browser.findElement(By.linkText("Home")).click();
        reviewer.waitForHeading("Home");
        assertThat(reviewer.browser.findElement(By.xpath(Person.AWAITING_REVIEW)).isDisplayed()).isTrue();
        assertThat(reviewer.browser.findElements(By.xpath(Person.AWAITING_REVIEW + "//a[contains(@href, '" + id + "')]")))
                .as("approved: no longer waiting for the reviewer").isEmpty();

        author.signOut();
        Person facilitator = author;
        facilitator.signIn(TestUsers.FACILITATOR);
        facilitator.browser.get(webUi() + "/postmortems/" + id);
        facilitator.waitForHeading(title);
        facilitator.click("Publish");
        facilitator.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pm-head .badge"), "PUBLISHED"));
        JsonNode published = queries(TestUsers.READER).get("/api/postmortems/" + id).ok().body();
        assertThat(published.at("/review/verdicts/0/reviewer").asText()).isEqualTo(TestUsers.READER);
        assertThat(published.at("/review/comments/0/resolved").asBoolean()).isTrue();
        assertThat(inaccessible).as("axe-core: serious or critical WCAG 2 A/AA violations").isEmpty();
    }

    @Test
    void anIncidentsLogIsPreviewedPickedAndImportedIntoTheTimeline() throws IOException {
        Person author = person("author");
        String id = started(TestUsers.AUTHOR, "Checkout errors after the deploy");
        view(TestUsers.AUTHOR, id, 0);
        Path log = Files.createTempFile("log_entries", ".json");
        Files.writeString(log, """
                {"log_entries": [
                  {"id": "R3", "type": "resolve_log_entry", "created_at": "2026-11-20T10:44:00Z", "summary": "Resolved by Ben Okafor.",
                   "agent": {"type": "user_reference", "summary": "Ben Okafor"}},
                  {"id": "R2", "type": "notify_log_entry", "created_at": "2026-11-20T10:03:00Z", "summary": "Notified Ana Silva by SMS.",
                   "agent": {"type": "user_reference", "summary": "Ana Silva"}},
                  {"id": "R1", "type": "trigger_log_entry", "created_at": "2026-11-20T10:02:00Z", "summary": "Triggered through the API.",
                   "agent": {"type": "service_reference", "summary": "Checkout API"}},
                  {"id": "R4", "type": "annotate_log_entry", "created_at": "2026-11-20T10:20:00Z", "summary": "Note added",
                   "channel": {"type": "note", "summary": "Pool at 100 %"}, "agent": {"type": "user_reference", "summary": "Ana Silva"}}
                ]}
                """);
        author.signIn(TestUsers.AUTHOR);
        author.browser.get(webUi() + "/postmortems/" + id);
        author.type(By.id("incident-id"), "Q2LC6ZT3O8XKA1");
        author.type(By.id("incident-url"), "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1");
        author.click("Link incident");
        author.waitForSaved();
        WebElement incident = author.browser.findElement(By.id("incident"));
        assertThat(incident.getText()).contains("PagerDuty Q2LC6ZT3O8XKA1");
        assertThat(incident.findElement(By.linkText("Q2LC6ZT3O8XKA1")).getAttribute("href")).isEqualTo("https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1");
        author.js().executeScript("arguments[0].scrollIntoView()", incident);
        author.screenshot("incident");
        author.summary("Import from the incident's log");
        author.browser.findElement(By.id("import-log")).sendKeys(log.toAbsolutePath().toString());
        assertThat(author.browser.findElement(By.id("import-name")).getAttribute("value")).as("the linked incident's id").isEqualTo("Q2LC6ZT3O8XKA1");
        author.click("Preview the entries");
        author.waitForHeading("Import into the timeline");
        author.check("timeline-import");
        assertThat(author.text("main")).contains("4 entries read from the PagerDuty log Q2LC6ZT3O8XKA1", "3 ticked");
        assertThat(author.browser.findElements(By.cssSelector("input[name=pick]:checked"))).as("the notification is not suggested").hasSize(3);
        assertThat(author.browser.findElement(By.id("pick-1")).isSelected()).isFalse();
        new Select(author.browser.findElement(By.id("kind-2"))).selectByValue("INVESTIGATION_PATH");
        author.browser.findElement(By.id("pick-3")).click();
        author.click("Import the ticked entries");
        author.waitForSaved();
        assertThat(author.entry("Triggered through the API.").getText()).contains("DETECTION", "As seen by Checkout API",
                "Imported from PagerDuty Q2LC6ZT3O8XKA1 (R1)");
        assertThat(author.entry("Note: Pool at 100 %").getText()).contains("INVESTIGATION PATH");
        assertThat(author.browser.findElements(By.xpath("//ol[contains(@class,'timeline')]/li"))).as("the two left out are not added").hasSize(2);
        author.screenshot("timeline-imported");
        assertThat(inaccessible).as("axe-core: serious or critical WCAG 2 A/AA violations").isEmpty();
    }

    @Test
    void postMortemsWrittenInMarkdownAreImportedOnceEachAndABadOneSaysWhy() throws IOException {
        Person author = person("author");
        // the projections of a fresh local stack take their partitions some seconds after the first event: wait for them
        view(TestUsers.AUTHOR, started(TestUsers.AUTHOR, "Before the import"), 0);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Path folder = Files.createTempDirectory("wiki-export");
        Path good = Files.writeString(folder.resolve("cache-stampede.md"), """
                # Cache stampede after the deploy %s

                | Meeting | Value |
                | --- | --- |
                | Date | 2024-05-03 10:00 UTC |
                | Contact | Ana Silva |
                | Created by | ana |
                | Facilitated by | Ben Okafor |

                ## What happened

                - **2024-05-02 09:00 UTC** (detection) — Hit rate fell to 10 %%
                - **2024-05-02 09:20 UTC** (resolution step) — Warmed the cache from the replica

                ## Short Summary

                The cache emptied on deploy and every request went to the database.
                """.formatted(unique));
        Path bad = Files.writeString(folder.resolve("notes.md"), "Some notes without a title\n");
        author.signIn(TestUsers.AUTHOR);
        author.browser.get(webUi() + "/postmortems/new");
        author.browser.findElement(By.linkText("Import post-mortems from Markdown")).click();
        author.waitForHeading("Import post-mortems");
        author.browser.findElement(By.id("import-files")).sendKeys(good.toAbsolutePath() + "\n" + bad.toAbsolutePath());
        author.click("Import");
        author.waitForHeading("Import post-mortems");
        author.check("import");
        assertThat(author.text("main")).contains("1 imported, 0 already here, 1 not imported", "cache-stampede.md", "notes.md", "no title");
        author.browser.findElement(By.id("import-files")).sendKeys(good.toAbsolutePath().toString());
        author.click("Import");
        author.waitForHeading("Import post-mortems");
        assertThat(author.text("main")).as("the same file again").contains("0 imported, 1 already here, 0 not imported");
        author.browser.findElement(By.linkText("open it")).click();
        author.waitForHeading("Cache stampede after the deploy " + unique);
        assertThat(author.entry("Hit rate fell to 10 %").getText()).contains("DETECTION", "2024-05-02 09:00");
        assertThat(inaccessible).as("axe-core: serious or critical WCAG 2 A/AA violations").isEmpty();
    }

    @Test
    void aChangeSomeoneElseMadeMeanwhileIsShownAndTheTextKept() {
        Person author = person("author");
        Person facilitator = person("facilitator");
        String id = started(TestUsers.AUTHOR, "Nightly export failed");
        view(TestUsers.AUTHOR, id, 0);
        author.signIn(TestUsers.AUTHOR);
        author.browser.get(webUi() + "/postmortems/" + id);
        author.type(By.id("summary"), "The export ran out of disk at 02:10.");

        facilitator.signIn(TestUsers.FACILITATOR);
        facilitator.browser.get(webUi() + "/postmortems/" + id);
        facilitator.type(By.id("summary"), "Disk filled during the export.");
        facilitator.click("Save description");
        facilitator.waitForSaved();

        author.click("Save description");
        author.waitForHeading("Someone changed this post-mortem meanwhile");
        assertThat(author.text("main")).contains("Disk filled during the export.", "by " + TestUsers.FACILITATOR);
        assertThat(author.browser.findElement(By.id("mine-summary")).getAttribute("value")).isEqualTo("The export ran out of disk at 02:10.");
        author.check("conflict");

        WebElement mine = author.browser.findElement(By.id("mine-summary"));
        mine.clear();
        mine.sendKeys("Disk filled during the export; it ran out at 02:10.");
        author.click("Save mine on top of theirs");
        author.waitForSaved();
        assertThat(author.browser.findElement(By.id("summary")).getAttribute("value"))
                .isEqualTo("Disk filled during the export; it ran out at 02:10.");
        assertThat(inaccessible).as("axe-core: serious or critical WCAG 2 A/AA violations").isEmpty();
    }

    @Test
    void aReaderSeesNoControlsIsRefusedAWriteAndFindsARestrictedPostMortemNowhere() {
        Person reader = person("reader");
        String secretWord = "okapi" + unique();
        String id = started(TestUsers.AUTHOR, "Search index lag");
        long written = commands(TestUsers.AUTHOR).put("/api/postmortems/" + id + "/description", HttpApi.json(Map.of(
                "summary", "Indexing fell two hours behind.", "remediation", "", "additionalInfo", ""))).ok().version();
        HttpApi facilitator = commands(TestUsers.FACILITATOR);
        String secret = facilitator.post("/api/postmortems", HttpApi.json(Map.of("title", "Leaked token " + secretWord,
                "restriction", Map.of("people", List.of(TestUsers.FACILITATOR))))).ok().body().path("id").asText();
        facilitator.put("/api/postmortems/" + secret + "/description", HttpApi.json(Map.of("summary", "The " + secretWord + " key leaked.",
                "remediation", "", "additionalInfo", ""))).ok();
        String countermeasure = facilitator.post("/api/postmortems/" + secret + "/countermeasures",
                HttpApi.json(Map.of("title", "Rotate the " + secretWord + " keys", "priority", "HIGH", "type", "PREVENTIVE"))).ok()
                                           .body().path("id").asText();
        long restricted = facilitator.put("/api/postmortems/" + secret + "/countermeasures/" + countermeasure + "/assignment",
                HttpApi.json(Map.of("owner", "Owner " + secretWord, "targetDate", "2020-01-01"))).ok().version();
        view(TestUsers.READER, id, written);
        view(TestUsers.FACILITATOR, secret, restricted);

        reader.signIn(TestUsers.READER);
        reader.browser.get(webUi() + "/postmortems/" + id);
        reader.waitForHeading("Search index lag");
        assertThat(reader.text("main")).contains("Indexing fell two hours behind.");
        assertThat(reader.browser.findElements(By.cssSelector("main button[type=submit]"))).as("no buttons that change anything").isEmpty();
        assertThat(reader.browser.findElements(By.cssSelector("main details"))).as("no forms folded away either").isEmpty();
        assertThat(reader.browser.findElements(By.linkText("New post-mortem"))).isEmpty();
        assertThat(reader.browser.findElement(By.id("summary")).getAttribute("readonly")).isNotNull();
        reader.check("postmortem-reader");
        reader.browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        reader.browser.navigate().refresh();
        reader.waitForHeading("Search index lag");
        assertThat((Boolean) reader.js().executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than a phone's screen").isTrue();
        reader.check("postmortem-phone");
        reader.browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        // A form post with the page's own CSRF token: the web UI passes it on, the command service refuses the reader.
        Long status = (Long) reader.js().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const body = new URLSearchParams({version: '%d', summary: 'Rewritten by a reader', remediation: '', additionalInfo: '',
                    _csrf: document.querySelector('meta[name=csrf-token]').content});
                fetch('/postmortems/%s/description', {method: 'POST', body, redirect: 'manual'}).then(r => done(r.status));
                """.formatted(written, id));
        assertThat(status).isEqualTo(403L);
        assertThat(queries(TestUsers.READER).get("/api/postmortems/" + id).ok().body().path("summary").asText())
                .isEqualTo("Indexing fell two hours behind.");

        reader.browser.get(webUi() + "/postmortems/" + secret);
        reader.waitForHeading("Not found");
        String hidden = reader.text("main");
        reader.check("not-found");
        for (String sub : List.of("/history", "/diff?from=0&to=1", "/as-of?at=2100-01-01T00:00")) {
            reader.browser.get(webUi() + "/postmortems/" + secret + sub);
            reader.waitForHeading("Not found");
            assertThat(reader.text("main")).as(sub).isEqualTo(hidden);
        }
        reader.browser.get(webUi() + "/postmortems/00000000-0000-0000-0000-000000000000");
        reader.waitForHeading("Not found");
        assertThat(reader.text("main")).isEqualTo(hidden);

        for (String page : List.of("/", "/countermeasures", "/countermeasures?overdue=true",
                "/kpis?from=2020-01-01&to=2100-01-01&groupBy=tag")) {
            reader.browser.get(webUi() + page);
            reader.wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertThat(reader.browser.getPageSource()).as(page).doesNotContain(secretWord, secret);
        }
        for (String words : List.of(secretWord, "Leaked token", "keys")) {
            reader.browser.get(webUi() + "/search?q=" + java.net.URLEncoder.encode(words, StandardCharsets.UTF_8));
            reader.waitForHeading("Search");
            assertThat(reader.browser.getPageSource()).as(words).doesNotContain(secret, "Rotate the " + secretWord);
        }
        assertThat(reader.text("main")).doesNotContain("Leaked token " + secretWord);
        reader.browser.get(webUi() + "/search?q=" + secretWord);
        assertThat(reader.text("main")).contains("0 post-mortems");
        assertThat(inaccessible).as("axe-core: serious or critical WCAG 2 A/AA violations").isEmpty();
    }

    private static boolean refresh(WebDriver driver) {
        driver.navigate().refresh();
        return false;
    }

    /** One person at one browser. */
    private final class Person implements AutoCloseable {

        final String name;
        final HeadlessChromium chromium;
        final WebDriver browser;
        final WebDriverWait wait;
        private WebElement before;

        Person(String name, HeadlessChromium chromium) {
            this.name = name;
            this.chromium = chromium;
            this.browser = chromium.driver();
            this.wait = new WebDriverWait(browser, WAIT);
        }

        void signIn(String user) {
            browser.get(webUi() + "/sign-in");
            waitForHeading("Sign in");
            check("sign-in");
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(TestUsers.password(user));
            browser.findElement(By.cssSelector("main button[type=submit]")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[normalize-space()='Sign out']")));
        }

        void signOut() {
            browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
            waitForHeading("Sign in");
        }

        /** Clicks the visible button with this text. */
        void click(String button) {
            press(browser.findElements(By.xpath("//button[normalize-space()=\"" + button + "\"]")).stream().filter(WebElement::isDisplayed)
                         .findFirst().orElseThrow(() -> new AssertionError("no visible button '" + button + "' on " + browser.getCurrentUrl())));
        }

        /** Clicks a button that sends a form: the page that follows is awaited by {@link #waitForSaved}. */
        void press(WebElement button) {
            before = browser.findElement(By.tagName("html"));
            button.click();
        }

        /** Opens the folded part with this summary. */
        void summary(String text) {
            browser.findElement(By.xpath("//summary[normalize-space()=\"" + text + "\"]")).click();
        }

        void type(By input, String text) {
            browser.findElement(input).sendKeys(text);
        }

        /** Date and time inputs are typed differently in every locale; a person's picker ends the same way: a value. */
        void setValue(By input, String value) {
            setValue(browser.findElement(input), value);
        }

        void setValue(WebElement input, String value) {
            js().executeScript("arguments[0].value = arguments[1]", input, value);
        }

        String text(String css) {
            return browser.findElement(By.cssSelector(css)).getText();
        }

        /** The timeline entry with this text. */
        WebElement entry(String text) {
            return browser.findElement(By.xpath("//ol[contains(@class,'timeline')]/li[.//div[contains(@class,'text') and normalize-space()=\""
                    + text + "\"]]"));
        }

        /** The home page's "Waiting for your review" card. */
        static final String AWAITING_REVIEW = "//section[h2[@id='awaiting' and normalize-space()='Waiting for your review']]";

        /** The post-mortem's row under "Waiting for your review" on the home page. */
        WebElement awaitingReview(String title) {
            return browser.findElement(By.xpath(AWAITING_REVIEW + "//li[a[contains(normalize-space(), \"" + title + "\")]]"));
        }

        /** The countermeasure's row. */
        WebElement countermeasure(String title) {
            return browser.findElement(By.xpath("//section[@id='countermeasures']//tr[.//strong[normalize-space()=\"" + title + "\"]]"));
        }

        void waitForHeading(String text) {
            wait.until(driver -> {
                try {
                    return driver.findElement(By.tagName("h1")).getText().contains(text);
                } catch (NoSuchElementException | StaleElementReferenceException gone) {
                    return false;
                } catch (WebDriverException e) {
                    // Chromium 150's driver reports reading a heading that the navigation has just replaced as an
                    // "unknown error" rather than a stale element: the page is still changing, so look again.
                    if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                        return false;
                    }
                    throw e;
                }
            });
        }

        void waitForSaved() {
            if (before != null) {
                wait.until(ExpectedConditions.stalenessOf(before));
                before = null;
            }
            WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
            assertThat(notice.getText()).as("after the change, on %s", browser.getCurrentUrl()).startsWith("Saved.");
        }

        JavascriptExecutor js() {
            return (JavascriptExecutor) browser;
        }

        void screenshot(String file) {
            chromium.screenshot(SCREENSHOTS.resolve(file + ".png"));
        }

        /** A screenshot of the whole page, and axe-core's serious and critical WCAG 2 A/AA violations noted (asserted at the end). */
        void check(String page) {
            chromium.fullPageScreenshot(SCREENSHOTS.resolve(page + ".png"), 3000);
            js().executeScript(AXE);
            String violations = (String) js().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                       .then(r => done(JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                           .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))))
                       .catch(e => done(JSON.stringify([{id: 'axe-failed', help: String(e)}])));
                    """);
            try {
                new ObjectMapper().readTree(violations).forEach(violation -> inaccessible.add(page + ": " + violation));
                if (!violations.equals("[]")) {
                    Files.writeString(SCREENSHOTS.resolve(page + ".html"), browser.getPageSource());
                }
            } catch (IOException e) {
                throw new IllegalStateException(violations, e);
            }
        }

        @Override
        public void close() {
            chromium.close();
        }
    }

    private static String axeSource() {
        try (InputStream axe = WebUiBrowserIT.class.getResourceAsStream("/axe/axe.min.js")) {
            if (axe == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test resources");
            }
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
