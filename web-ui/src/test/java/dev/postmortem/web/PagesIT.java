package dev.postmortem.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages over MockMvc against the real services: what each page shows to whom, that what is written through them
 * is written as the person signed in and with the version the page showed, and how a refusal, a conflict, an unknown
 * or restricted post-mortem and a search hit with markup in it are shown. {@link WebUiBrowserIT} does the same in a
 * browser, end to end.
 */
class PagesIT extends AgainstTheServices {

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor as(String name) {
        return user(name).roles(name.toUpperCase(java.util.Locale.ROOT));
    }

    String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** A form post as {@code user} with its CSRF token; the answer (a redirect, or a page). */
    MvcResult submit(String user, String path, String... fields) throws Exception {
        MockHttpServletRequestBuilder form = post(path).with(as(user)).with(csrf());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.param(fields[i], fields[i + 1]);
        }
        return mvc.perform(form).andReturn();
    }

    @Test
    void anAuthorSeesEditFormsAndAReaderNone() throws Exception {
        String id = started(AUTHOR, "Checkout latency");
        HttpApi author = commands(AUTHOR);
        author.post("/api/postmortems/" + id + "/timeline", HttpApi.json(Map.of("occurredAt", "2026-11-20T14:07:00Z", "kind", "DETECTION",
                "description", "The alert fired <b>loud</b>", "effect", "", "perspective", ""))).ok();
        long version = author.put("/api/postmortems/" + id + "/description", HttpApi.json(Map.of("summary", "Pool exhausted",
                "remediation", "", "additionalInfo", ""))).ok().version();
        view(READER, id, version);

        String authorsPage = page(get("/postmortems/" + id).with(as(AUTHOR)));
        assertThat(authorsPage).contains("Checkout latency", "Save description", "Add an entry", "Submit for review", "New post-mortem")
                               .doesNotContain(">Publish</button>", "Who may see it");
        String readersPage = page(get("/postmortems/" + id).with(as(READER)));
        assertThat(readersPage).contains("Checkout latency", "Pool exhausted")
                               .doesNotContain("Save description", "Add an entry", "Submit for review", "New post-mortem");
        assertThat(readersPage).as("the author's text is shown as text").contains("The alert fired &lt;b&gt;loud&lt;/b&gt;")
                               .doesNotContain("<b>loud</b>");
        assertThat(page(get("/postmortems/" + id).with(as(FACILITATOR)))).as("a facilitator is an author too")
                .contains("Save description", "Who may see it");
    }

    @Test
    void whatIsWrittenThroughThePagesIsWrittenAsThePersonSignedIn() throws Exception {
        String title = "Queue backlog " + unique();
        MvcResult created = submit(AUTHOR, "/postmortems", "title", title);
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        Matcher location = Pattern.compile("/postmortems/([0-9a-f-]{36})\\?v=(\\d+)").matcher(created.getResponse().getRedirectedUrl());
        assertThat(location.matches()).as(created.getResponse().getRedirectedUrl()).isTrue();
        JsonNode view = view(READER, location.group(1), Long.parseLong(location.group(2)));
        assertThat(view.path("title").asText()).isEqualTo(title);
        assertThat(view.path("createdBy").asText()).isEqualTo(AUTHOR);
        assertThat(queries(READER).get("/api/postmortems/" + location.group(1) + "/history").ok().body().path("items").get(0)
                                  .path("actor").asText()).isEqualTo(AUTHOR);
    }

    @Test
    void aChangeIsSentWithTheVersionThePageShowedAndTheNextPageShowsIt() throws Exception {
        String id = started(AUTHOR, "Cache stampede");
        MvcResult saved = submit(AUTHOR, "/postmortems/" + id + "/description", "version", "0",
                "summary", "We should have paged sooner", "remediation", "Warmed the cache", "additionalInfo", "");
        Matcher next = Pattern.compile("/postmortems/" + id + "\\?v=(\\d+)#description").matcher(saved.getResponse().getRedirectedUrl());
        assertThat(next.matches()).as(saved.getResponse().getRedirectedUrl()).isTrue();
        long version = Long.parseLong(next.group(1));
        assertThat(version).as("the change was made on top of version 0").isPositive();
        assertThat(saved.getFlashMap().get("saved")).isEqualTo("description");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) saved.getFlashMap().get("warnings");
        assertThat(warnings).as("the service's language warnings come back").anyMatch(w -> "should have".equals(w.get("text")));

        String shown = page(get("/postmortems/" + id).param("v", String.valueOf(version)).with(as(AUTHOR)).flashAttrs(saved.getFlashMap()));
        assertThat(shown).contains("Saved.", "“should have”", "We should have paged sooner", "version " + version);
    }

    @Test
    void theIncidentIsLinkedFromItsCardShownWithItsToolAndRemoved() throws Exception {
        String id = started(AUTHOR, "Payments declined");
        MvcResult refused = submit(AUTHOR, "/postmortems/" + id + "/incident", "version", "0", "provider", "pagerduty",
                "incidentId", "Q2LC 6ZT3", "url", "");
        assertThat(refused.getFlashMap().get("failedSection")).isEqualTo("incident");
        assertThat(page(get("/postmortems/" + id).param("v", "0").with(as(AUTHOR)).flashAttrs(refused.getFlashMap())))
                .contains("Not saved.", "no spaces", "value=\"Q2LC 6ZT3\"");

        MvcResult linked = submit(AUTHOR, "/postmortems/" + id + "/incident", "version", "0", "provider", "pagerduty",
                "incidentId", "Q2LC6ZT3O8XKA1", "url", "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1");
        Matcher next = Pattern.compile("/postmortems/" + id + "\\?v=(\\d+)#incident").matcher(linked.getResponse().getRedirectedUrl());
        assertThat(next.matches()).as(linked.getResponse().getRedirectedUrl()).isTrue();
        String shown = page(get("/postmortems/" + id).param("v", next.group(1)).with(as(AUTHOR)));
        assertThat(shown).contains("PagerDuty", "<a href=\"https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1\" rel=\"noopener noreferrer\">Q2LC6ZT3O8XKA1</a>",
                "Remove the link");

        MvcResult removed = submit(AUTHOR, "/postmortems/" + id + "/incident/remove", "version", next.group(1));
        Matcher after = Pattern.compile("/postmortems/" + id + "\\?v=(\\d+)#incident").matcher(removed.getResponse().getRedirectedUrl());
        assertThat(after.matches()).as(removed.getResponse().getRedirectedUrl()).isTrue();
        assertThat(page(get("/postmortems/" + id).param("v", after.group(1)).with(as(AUTHOR)))).contains("No incident linked.")
                                                                                             .doesNotContain("Q2LC6ZT3O8XKA1");
    }

    @Test
    void anIncidentLogIsPreviewedBeforeAnythingIsStoredAndABadOneComesBackWithTheLineAtFault() throws Exception {
        String id = started(AUTHOR, "Queue backlog");
        MvcResult bad = mvc.perform(multipart("/postmortems/" + id + "/timeline/import/preview")
                .file(new MockMultipartFile("log", "timeline.csv", "text/csv", "time,description\n2026-11-20T10:07:00Z,ok\nsoon,later\n".getBytes(StandardCharsets.UTF_8)))
                .with(as(AUTHOR)).with(csrf())).andReturn();
        assertThat(bad.getResponse().getRedirectedUrl()).isEqualTo("/postmortems/" + id + "#timeline-import");
        assertThat(bad.getFlashMap().get("failedSection")).isEqualTo("timeline-import");
        assertThat(page(get("/postmortems/" + id).param("v", "0").with(as(AUTHOR)).flashAttrs(bad.getFlashMap())))
                .contains("Not saved.", "line 3").contains("<details id=\"timeline-import\" open");

        String preview = mvc.perform(multipart("/postmortems/" + id + "/timeline/import/preview")
                .file(new MockMultipartFile("log", "timeline.csv", "text/csv",
                        "time,description,kind\n2026-11-20T10:07:00Z,\"Queue at 90 %, alert fired\",detect\n".getBytes(StandardCharsets.UTF_8)))
                .with(as(AUTHOR)).with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("Import into the timeline", "Queue at 90 %, alert fired", "line 2", "Import the ticked entries");

        MvcResult nothingPicked = submit(AUTHOR, "/postmortems/" + id + "/timeline/import", "version", "0", "source", "csv", "sourceName", "timeline.csv",
                "occurredAt.0", "2026-11-20T10:07:00Z", "kind.0", "DETECTION", "description.0", "Queue at 90 %");
        assertThat(nothingPicked.getFlashMap().get("failedSection")).as("nothing ticked: refused, nothing stored").isEqualTo("timeline-import");

        MvcResult none = mvc.perform(multipart("/postmortems/" + id + "/timeline/import/preview").with(as(AUTHOR)).with(csrf())).andReturn();
        assertThat(none.getFlashMap().get("failedSection")).as("no file chosen").isEqualTo("timeline-import");
    }

    @Test
    void aRefusedFieldComesBackWithItsMessageAndTheTextKept() throws Exception {
        String id = started(AUTHOR, "Clock skew");
        MvcResult refused = submit(AUTHOR, "/postmortems/" + id + "/times", "version", "0", "start", "2300-01-01T00:00", "detect", "",
                "end", "");
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/postmortems/" + id + "#times");
        assertThat(refused.getFlashMap().get("failedSection")).isEqualTo("times");
        String again = page(get("/postmortems/" + id).with(as(AUTHOR)).flashAttrs(refused.getFlashMap()));
        assertThat(again).contains("Not saved.", "must be from 1970-01-01T00:00:00Z up to (not including) 2200-01-01T00:00:00Z",
                "aria-invalid=\"true\"");

        MvcResult tooLong = submit(AUTHOR, "/postmortems/" + id + "/description", "version", "0", "summary", "€".repeat(15_000),
                "remediation", "", "additionalInfo", "");
        assertThat(tooLong.getFlashMap().get("failedSection")).isEqualTo("description");
        @SuppressWarnings("unchecked")
        Map<String, String> kept = (Map<String, String>) tooLong.getFlashMap().get("form");
        assertThat(kept.get("summary")).as("the text is kept to fix, not lost").hasSize(15_000);
        assertThat(page(get("/postmortems/" + id).with(as(AUTHOR)).flashAttrs(tooLong.getFlashMap()))).contains("bytes");
    }

    @Test
    void aChangeSomeoneElseMadeMeanwhileGetsTheConflictPageWithTheTextKept() throws Exception {
        String id = started(AUTHOR, "Disk full");
        long theirs = commands(FACILITATOR).put("/api/postmortems/" + id + "/description", HttpApi.json(Map.of(
                "summary", "The facilitator's version", "remediation", "", "additionalInfo", ""))).ok().version();
        view(AUTHOR, id, theirs);
        MvcResult mine = submit(AUTHOR, "/postmortems/" + id + "/description", "version", "0", "summary", "My careful rewrite",
                "remediation", "", "additionalInfo", "");
        assertThat(mine.getResponse().getStatus()).isEqualTo(200);
        assertThat(mine.getResponse().getContentAsString())
                .contains("Someone changed this post-mortem meanwhile", "My careful rewrite", "The facilitator&#39;s version",
                        "by " + FACILITATOR, "value=\"" + theirs + "\"")
                .doesNotContain("PostMortemCreated");
        assertThat(queries(READER).get("/api/postmortems/" + id).ok().body().path("summary").asText())
                .as("nothing was overwritten").isEqualTo("The facilitator's version");
    }

    @Test
    void anUnknownAndARestrictedPostMortemAreTheSameNotFoundPage() throws Exception {
        String secret = started(FACILITATOR, "Leaked credentials");
        long restricted = commands(FACILITATOR).put("/api/postmortems/" + secret + "/restriction",
                HttpApi.json(Map.of("people", List.of(FACILITATOR), "groups", List.of()))).ok().version();
        view(FACILITATOR, secret, restricted);

        MvcResult unknown = mvc.perform(get("/postmortems/00000000-0000-0000-0000-000000000000").with(as(READER))).andReturn();
        MvcResult hidden = mvc.perform(get("/postmortems/" + secret).with(as(READER))).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(hidden.getResponse().getStatus()).isEqualTo(404);
        assertThat(withoutCsrfToken(hidden)).isEqualTo(withoutCsrfToken(unknown))
                                                             .contains("There is no such post-mortem, or it is not yours to see.");
        for (String sub : List.of("/history", "/export.md")) {
            assertThat(mvc.perform(get("/postmortems/" + secret + sub).with(as(READER))).andReturn().getResponse().getStatus())
                    .as(sub).isEqualTo(404);
        }
        assertThat(submit(READER, "/postmortems/" + secret + "/description", "version", "1", "summary", "x").getResponse().getStatus())
                .as("a write to it is refused alike").isIn(403, 404);
        assertThat(page(get("/postmortems/" + secret).with(as(FACILITATOR)))).contains("Leaked credentials", "Restricted");
    }

    @Test
    void similarIncidentsComeAfterThePageAndTellNothingOfARestrictedOne() throws Exception {
        String id = started(AUTHOR, "Cache stampede");
        view(READER, id, 0);
        String pageOf = page(get("/postmortems/" + id).with(as(READER)));
        assertThat(pageOf).as("the page does not wait for the search: htmx asks for the panel, a link without JavaScript")
                          .contains("hx-get=\"/postmortems/" + id + "/similar\"", "href=\"/postmortems/" + id + "/similar\"");
        String fragment = page(get("/postmortems/" + id + "/similar").header("HX-Request", "true").with(as(READER)));
        assertThat(fragment).doesNotContain("<html", "<header").satisfiesAnyOf(f -> assertThat(f).contains("<ul class=\"list\">"),
                f -> assertThat(f).contains("None found yet."));
        assertThat(page(get("/postmortems/" + id + "/similar").with(as(READER))))
                .as("without htmx: a page of its own").contains("<html", "<h1>Similar past incidents</h1>", "Back to the post-mortem");

        String secret = started(FACILITATOR, "Leaked keys");
        long restricted = commands(FACILITATOR).put("/api/postmortems/" + secret + "/restriction",
                HttpApi.json(Map.of("people", List.of(FACILITATOR), "groups", List.of()))).ok().version();
        view(FACILITATOR, secret, restricted);
        String unknown = page(get("/postmortems/00000000-0000-0000-0000-000000000000/similar").header("HX-Request", "true").with(as(READER)));
        String hidden = page(get("/postmortems/" + secret + "/similar").header("HX-Request", "true").with(as(READER)));
        assertThat(hidden).isEqualTo(unknown).contains("None found yet.");
    }

    /** The page without its CSRF token (in the sign-out form and for htmx), which is masked afresh for every response. */
    static String withoutCsrfToken(MvcResult page) throws Exception {
        return page.getResponse().getContentAsString().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"")
                   .replaceAll("name=\"csrf-token\" content=\"[^\"]*\"", "name=\"csrf-token\"");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String id = started(AUTHOR, "Forged form");
        long submitted = commands(AUTHOR).post("/api/postmortems/" + id + "/submit-for-review", null).ok().version();
        mvc.perform(post("/postmortems/" + id + "/lifecycle/publish").with(as(FACILITATOR)).param("version", String.valueOf(submitted)))
           .andExpect(status().isForbidden());
        assertThat(view(READER, id, submitted).path("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(queries(READER).get("/api/postmortems/" + id + "/history").ok().body().path("total").asLong()).isEqualTo(submitted + 1);
    }

    @Test
    void searchShowsHighlightsButNoMarkupOfTheAuthors() throws Exception {
        String word = "wombat" + unique().replace("-", "");
        String id = started(AUTHOR, "Search target");
        long version = commands(AUTHOR).put("/api/postmortems/" + id + "/description", HttpApi.json(Map.of(
                "summary", "the " + word + " <script>alert(1)</script> ran dry", "remediation", "", "additionalInfo", ""))).ok().version();
        commands(AUTHOR).put("/api/postmortems/" + id + "/tags", HttpApi.json(Map.of("tags", List.of("database")))).ok();
        view(READER, id, version + 1);
        String search = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> page(get("/search").param("q", word + " dry").with(as(READER))), html -> html.contains(id) && html.contains("tag=database"));
        assertThat(search).contains("<em class=\"hl\">" + word + "</em>", "&lt;script&gt;alert(1)&lt;/script&gt;")
                          .doesNotContain("<script>alert(1)");
        assertThat(search).as("two words, both sent as typed").contains("<em class=\"hl\">dry</em>");
        assertThat(search).contains("href=\"/search?q=" + word + "%20dry&amp;tag=database\"", "href=\"/search?q=" + word + "%20dry&amp;status=DRAFT\"");
    }

    @Test
    void theServicesTakeOnlyTokensSignedWithTheWebUisKeyAndForTheirOwnUsers() throws Exception {
        HttpApi.Response ours = new HttpApi(Services.queryService()).withBearer(token(Services.KEY, READER)).get("/api/postmortems");
        assertThat(ours.status()).isEqualTo(200);
        assertThat(new HttpApi(Services.queryService()).withBearer(token(Services.key(), dev.postmortem.localstack.junit.TestUsers.ADMIN)).get("/api/postmortems").status())
                .as("signed with another key").isEqualTo(401);
        assertThat(new HttpApi(Services.commandService()).withBearer(token(Services.key(), dev.postmortem.localstack.junit.TestUsers.ADMIN))
                .post("/api/postmortems", HttpApi.json(Map.of("title", "Forged"))).status()).isEqualTo(401);
        assertThat(new HttpApi(Services.queryService()).withBearer(token(Services.KEY, "mallory")).get("/api/postmortems").status())
                .as("a name that is no local user").isEqualTo(401);
        assertThat(new HttpApi(Services.commandService()).withBearer(token(Services.KEY, READER))
                .post("/api/postmortems", HttpApi.json(Map.of("title", "Reader's"))).status())
                .as("the roles are the local user's own, not the token's").isEqualTo(403);
    }

    private static String token(java.nio.file.Path key, String user) {
        dev.postmortem.kit.security.SecurityProperties properties = new dev.postmortem.kit.security.SecurityProperties(
                dev.postmortem.kit.security.SecurityProperties.Mode.LOCAL, List.of(), Map.of(), null, key, null,
                new dev.postmortem.kit.security.SecurityProperties.Jwt(null, "sub", "roles", "groups", Map.of(), null),
                new dev.postmortem.kit.security.SecurityProperties.LoginThrottle(true, 10, 30, java.time.Duration.ofMinutes(1)));
        return dev.postmortem.kit.security.WebTokens.signer(properties, java.time.Clock.systemUTC()).tokenFor(user);
    }

    @Test
    void homeListsTheDraftsOfThePersonSignedIn() throws Exception {
        String mine = started(AUTHOR, "Author's own draft");
        String theirs = started(FACILITATOR, "Facilitator's draft");
        view(READER, mine, 0);
        view(READER, theirs, 0);
        String home = page(get("/").with(as(AUTHOR)));
        assertThat(home).contains("/postmortems/" + mine).doesNotContain("/postmortems/" + theirs);
    }

    @Test
    void homeOffersTheIncidentsOfThisWeekInEarlierYears() throws Exception {
        String past = started(AUTHOR, "Last year's outage");
        Instant aYearAgo = LocalDate.now(ZoneOffset.UTC).minusYears(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        long version = commands(AUTHOR).put("/api/postmortems/" + past + "/times/start", HttpApi.json(Map.of("at", aYearAgo.toString()))).ok().version();
        view(READER, past, version);
        String home = page(get("/").with(as(READER)));
        assertThat(home).contains("On this day", "/postmortems/" + past, "a year ago");
    }
}
