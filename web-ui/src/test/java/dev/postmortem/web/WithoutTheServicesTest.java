package dev.postmortem.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the web UI does on its own, with nothing listening where the services should be (a port just freed on
 * 127.0.0.1): the sign-in form, the headers, CSRF, the language check as the author writes, and the page that says a
 * service is away instead of an error.
 */
@SpringBootTest
@AutoConfigureMockMvc
class WithoutTheServicesTest {

    static final Path KEY = Services.key();
    static final String NOWHERE = "http://127.0.0.1:" + freedPort();

    @DynamicPropertySource
    static void nowhere(DynamicPropertyRegistry registry) {
        registry.add("postmortem.web-ui.command-service", () -> NOWHERE);
        registry.add("postmortem.web-ui.query-service", () -> NOWHERE);
        registry.add("postmortem.web-ui.timeout", () -> "2s");
        registry.add("postmortem.security.web-token-key-file", KEY::toString);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void signedOutPeopleAreSentToTheSignInForm() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/sign-in"));
        mvc.perform(get("/postmortems/6f1c1f0e-2d6b-4c36-9a40-7c1e8f0c2a11")).andExpect(status().is3xxRedirection());
        String form = mvc.perform(get("/sign-in")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("<label for=\"password\">Password</label>", "autocomplete=\"current-password\"", "name=\"_csrf\"");
    }

    @Test
    void pagesKeepToTheirOwnScriptsAndOutOfFrames() throws Exception {
        mvc.perform(get("/sign-in"))
           .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
           .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
           .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() throws Exception {
        MvcResult wrong = mvc.perform(post("/sign-in").with(csrf()).param("username", "author").param("password", "not-it")).andReturn();
        MvcResult unknown = mvc.perform(post("/sign-in").with(csrf()).param("username", "nobody").param("password", "not-it")).andReturn();
        assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/sign-in?failed").isEqualTo(unknown.getResponse().getRedirectedUrl());
        MvcResult right = mvc.perform(post("/sign-in").with(csrf()).param("username", "author")
                                                      .param("password", "author-integration-tests-only")).andReturn();
        assertThat(right.getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void guessingAPasswordAtTheFormIsBoundedPerUser() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(mvc.perform(post("/sign-in").with(csrf()).param("username", "reader").param("password", "guess-" + i)).andReturn()
                          .getResponse().getRedirectedUrl()).isEqualTo("/sign-in?failed");
        }
        MvcResult refused = mvc.perform(post("/sign-in").with(csrf()).param("username", "reader")
                                                        .param("password", "reader-integration-tests-only")).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).as("even the right password, once the bucket is empty")
                                                             .matches("/sign-in\\?throttled=\\d+");
        assertThat(mvc.perform(get("/sign-in").param("throttled", "42")).andReturn().getResponse().getContentAsString())
                .contains("Too many failed sign-ins", "Try again in <span>42</span> seconds.");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/postmortems").with(user("author").roles("AUTHOR")).param("title", "Forged")).andExpect(status().isForbidden());
        mvc.perform(post("/sign-in").param("username", "author").param("password", "author-integration-tests-only"))
           .andExpect(status().isForbidden());
    }

    @Test
    void theLanguageCheckPointsOutBlameAsTheAuthorWrites() throws Exception {
        String warnings = mvc.perform(post("/language").with(user("author").roles("AUTHOR")).with(csrf())
                                 .param("check", "summary").param("summary", "It was Bob's fault; he should have known"))
                             .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(warnings).contains("Blameless writing", "“should have”");
        String none = mvc.perform(post("/language").with(user("author").roles("AUTHOR")).with(csrf()).param("check", "summary")
                                 .param("summary", "The pool ran out of connections"))
                         .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(none).doesNotContain("Blameless writing");
    }

    @Test
    void aServiceThatIsAwayGetsAPageSayingSoNotAnError() throws Exception {
        String away = mvc.perform(get("/postmortems/6f1c1f0e-2d6b-4c36-9a40-7c1e8f0c2a11").with(user("reader").roles("READER")))
                         .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString();
        assertThat(away).contains("A service is not answering", "The query service did not answer", "Nothing you saved before is lost");
        String write = mvc.perform(post("/postmortems").with(user("author").roles("AUTHOR")).with(csrf()).param("title", "Kept"))
                          .andExpect(status().isServiceUnavailable()).andReturn().getResponse().getContentAsString();
        assertThat(write).contains("The command service did not answer");
    }

    private static int freedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
