package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.localstack.junit.HeadlessChromium;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's first steps with the API, in a real headless Chromium: open the command service's Swagger UI, sign in
 * through "Authorize", start a post-mortem with "Try it out", then open the query service's Swagger UI and read the
 * new post-mortem there — it arrived through Kafka and the projection.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (CI installs them); see {@link HeadlessChromium}.
 */
class SwaggerUiBrowserIT extends WholeSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        chromium = HeadlessChromium.start(1400, 1000);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPostMortemStartedInSwaggerUiIsReadableInTheQueryService() throws Exception {
        String title = "Queue backlog seen in Swagger UI " + UUID.randomUUID().toString().substring(0, 8);
        try {
            browser.get(commandServiceUrl() + "/swagger-ui/index.html");
            waitForTitle("Post-mortem command API");
            authorize();
            WebElement create = operation("post", "/api/postmortems");
            create.findElement(By.cssSelector("button.try-out__btn")).click();
            WebElement body = create.findElement(By.cssSelector("textarea.body-param__text"));
            assertThat(body.getAttribute("value")).as("the documented example is offered").contains("\"title\"");
            body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            body.sendKeys("{\"title\": \"" + title + "\"}");
            create.findElement(By.cssSelector("button.execute")).click();
            JsonNode created = liveResponse(create, "201");
            String id = created.path("id").asText();
            assertThat(id).isNotBlank();

            // The same post-mortem, read in the query service's Swagger UI once the projection has it.
            HttpApi reader = new HttpApi("http://127.0.0.1:" + port).as(TestUsers.READER);
            assertThat(reader.get("/api/postmortems/" + id + "?minVersion=0").ok().body().path("title").asText()).isEqualTo(title);
            browser.get("http://127.0.0.1:" + port + "/swagger-ui/index.html");
            waitForTitle("Post-mortem query API");
            authorize();
            WebElement read = operation("get", "/api/postmortems/{id}");
            read.findElement(By.cssSelector("button.try-out__btn")).click();
            WebElement idField = read.findElement(By.cssSelector("tr[data-param-name='id'] input"));
            idField.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            idField.sendKeys(id);
            read.findElement(By.cssSelector("button.execute")).click();
            JsonNode view = liveResponse(read, "200");
            assertThat(view.path("id").asText()).isEqualTo(id);
            assertThat(view.path("title").asText()).isEqualTo(title);
            assertThat(view.path("status").asText()).isEqualTo("DRAFT");
        } catch (RuntimeException | AssertionError e) {
            screenshot();
            throw e;
        }
    }

    private void waitForTitle(String title) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"), title));
    }

    /** "Authorize" → HTTP Basic as a local user → Authorize → Close. */
    private void authorize() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
        dialog.findElement(By.cssSelector("input[type='text']")).sendKeys(TestUsers.AUTHOR);
        dialog.findElement(By.cssSelector("input[type='password']")).sendKeys(TestUsers.password(TestUsers.AUTHOR));
        dialog.findElement(By.cssSelector("button.modal-btn.auth.authorize")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-ux button.btn-done"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** Expands the operation and returns its block. */
    private WebElement operation(String method, String path) {
        By summary = By.cssSelector(".opblock-" + method + " .opblock-summary-path[data-path='" + path + "']");
        WebElement pathElement = wait.until(ExpectedConditions.elementToBeClickable(summary));
        WebElement block = pathElement.findElement(By.xpath("./ancestor::div[contains(@class,'opblock ')][1]"));
        pathElement.click();
        wait.until(driver -> !block.findElements(By.cssSelector("button.try-out__btn")).isEmpty());
        return block;
    }

    /** Waits for the answer Swagger UI shows after "Execute" and returns its body. */
    private JsonNode liveResponse(WebElement block, String expectedStatus) throws IOException {
        By status = By.cssSelector(".live-responses-table tr.response .response-col_status");
        wait.until(driver -> !block.findElements(status).isEmpty() && !block.findElement(status).getText().isBlank());
        String body = block.findElement(By.cssSelector(".live-responses-table .response-col_description pre")).getText();
        assertThat(block.findElement(status).getText()).as("status shown in Swagger UI; body %s", body).startsWith(expectedStatus);
        return new ObjectMapper().readTree(body);
    }

    private void screenshot() {
        chromium.screenshot(Path.of("target", "swagger-ui-failure.png"));
    }
}
