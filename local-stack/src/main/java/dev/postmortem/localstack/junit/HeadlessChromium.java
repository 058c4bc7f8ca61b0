package dev.postmortem.localstack.junit;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromium-driver}, with a profile of its own under
 * {@code target/} that is deleted on close. Without the two the test is skipped with that reason, unless
 * {@code POSTMORTEM_REQUIRE_BROWSER=true} (set by CI), where their absence is a failure.
 */
@SuppressWarnings("unchecked")
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver"));

    private final WebDriver driver;
    private final Path profile;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new browser window of this size, or the test skipped (or failed, where CI requires a browser). */
    public static HeadlessChromium start(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && Boolean.parseBoolean(System.getenv("POSTMORTEM_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("POSTMORTEM_REQUIRE_BROWSER is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        assumeTrue(installed, "Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver to run the browser test");
        try {
            Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .withLogFile(Path.of("target", "chromedriver.log").toFile()).build();
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** What the window shows now, as a PNG at {@code file}; a failure to take it is not the test's failure. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException | IOException ignored) {
            // The assertion that failed, or the page checked, is what matters.
        }
    }

    /** The whole page, not just the window (up to {@code maxHeight} CSS pixels), as a PNG at {@code file}; as {@link #screenshot}. */
    public void fullPageScreenshot(Path file, int maxHeight) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ChromeDriver chrome = (ChromeDriver) driver;
            Map<String, Object> size = (Map<String, Object>) chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(maxHeight, ((Number) size.get("height")).doubleValue());
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (RuntimeException | IOException ignored) {
            // As for screenshot: the page checked is what matters.
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            LocalStackExtension.deleteRecursively(profile);
        }
    }
}
