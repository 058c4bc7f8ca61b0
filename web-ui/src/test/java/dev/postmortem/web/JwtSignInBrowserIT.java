package dev.postmortem.web;

import dev.postmortem.issuer.Issuer;
import dev.postmortem.localstack.junit.HeadlessChromium;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mode {@code jwt}, end to end in headless Chromium: the web UI, both services and a real OpenID Connect issuer
 * ({@link Issuer}, Spring Authorization Server) on 127.0.0.1. A person clicks "Sign in with Acme", signs in at the
 * issuer (which refuses a client that sends no PKCE challenge), comes back signed in, and what they write is written
 * under the name in their access token, which the web UI relays to the services; their roles come from the same
 * token, so a reader is offered no controls. Signing out ends the web UI's session.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class JwtSignInBrowserIT {

    static final int WEB_PORT = freePort();
    static final int ISSUER_PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + ISSUER_PORT;
    private static ConfigurableApplicationContext issuer;
    private static ServiceProcess commands;
    private static ServiceProcess queries;

    @DynamicPropertySource
    static void organisation(DynamicPropertyRegistry registry) {
        issuer = Issuer.start(ISSUER_PORT, "http://127.0.0.1:" + WEB_PORT + "/login/oauth2/code/acme");
        String[] jwt = {"--postmortem.security.mode=jwt", "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + Issuer.AUDIENCE};
        commands = ServiceProcess.commandService(LocalStackExtension.shared(), Path.of("target"), jwt);
        queries = ServiceProcess.queryService(LocalStackExtension.shared(), Path.of("target"), jwt);
        registry.add("server.port", () -> WEB_PORT);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("postmortem.security.mode", () -> "jwt");
        registry.add("postmortem.web-ui.command-service", commands::baseUrl);
        registry.add("postmortem.web-ui.query-service", queries::baseUrl);
        String client = "spring.security.oauth2.client.registration.acme.";
        registry.add(client + "client-id", () -> Issuer.CLIENT_ID);
        registry.add(client + "client-secret", () -> Issuer.CLIENT_SECRET);
        registry.add(client + "client-name", () -> "Acme");
        registry.add(client + "scope", () -> "openid,profile");
        registry.add(client + "authorization-grant-type", () -> "authorization_code");
        registry.add("spring.security.oauth2.client.provider.acme.issuer-uri", () -> ISSUER);
    }

    @AfterAll
    static void stop() {
        if (queries != null) {
            queries.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private HeadlessChromium chromium;

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPersonSignsInAtTheIssuerAndWritesUnderTheirOwnName() {
        chromium = HeadlessChromium.start(1280, 1000);
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            signIn(browser, wait, "ana");
            assertThat(browser.findElement(By.cssSelector("header .user")).getText()).contains("Signed in as ana");
            browser.findElement(By.linkText("New post-mortem")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("title"))).sendKeys("Payments queue stalled");
            browser.findElement(By.cssSelector("main button[type=submit].primary")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Payments queue stalled"));
            String page = browser.getCurrentUrl();
            assertThat(browser.findElement(By.cssSelector(".pm-head .meta")).getText())
                    .as("the command service took ana's own token: she is the event's actor").contains("started by ana");
            assertThat(browser.findElements(By.xpath("//button[normalize-space()='Save description']"))).isNotEmpty();

            browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
            wait.until(ExpectedConditions.urlContains("/sign-in?signed-out"));
            browser.get(page);
            wait.until(ExpectedConditions.urlContains("/sign-in"));

            // The issuer still knows ana (single sign-on): the reader comes in at a browser of her own.
            chromium.close();
            chromium = HeadlessChromium.start(1280, 1000);
            browser = chromium.driver();
            wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            signIn(browser, wait, "rita");
            assertThat(browser.findElement(By.cssSelector("header .user")).getText()).contains("Signed in as rita");
            browser.get(page);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Payments queue stalled"));
            assertThat(browser.findElements(By.cssSelector("main button[type=submit]"))).as("a reader's token grants no writing").isEmpty();
            assertThat(browser.findElements(By.linkText("New post-mortem"))).isEmpty();
        } catch (RuntimeException | AssertionError e) {
            chromium.screenshot(WebUiBrowserIT.SCREENSHOTS.resolve("failure-jwt-sign-in.png"));
            throw e;
        }
    }

    /** Through the web UI's sign-in page to the issuer's form, and back. */
    private void signIn(WebDriver browser, WebDriverWait wait, String name) {
        List<String> person = Issuer.PEOPLE.stream().filter(p -> p.get(0).equals(name)).findFirst().orElseThrow();
        browser.get("http://127.0.0.1:" + WEB_PORT + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Sign in with Acme")));
        chromium.screenshot(WebUiBrowserIT.SCREENSHOTS.resolve("sign-in-jwt.png"));
        browser.findElement(By.linkText("Sign in with Acme")).click();
        wait.until(ExpectedConditions.urlContains(ISSUER));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(person.get(1));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//button[normalize-space()='Sign out']")));
        assertThat(browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + WEB_PORT + "/");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
