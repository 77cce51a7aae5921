package dk.brevrute.testinfra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, for the browser tests of the pages
 * (dashboard, review queue), with the steps they share: signing in at {@link OidcTestProvider}'s
 * login form and reading what the page shows. The test module brings Selenium (test scope).
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final WebDriverWait wait;

    private HeadlessChromium(ChromeDriverService service, WebDriver driver) {
        this.service = service;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A fresh browser (its own profile under {@code target/}) with a window of {@code width} x {@code height}. */
    public static HeadlessChromium start(int width, int height) {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Debian's headless Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get update && apt-get install -y chromium chromium-driver (.ci/run installs them on CI)");
        Path profile;
        try {
            profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(service, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (up to 30 s) for the page to be in the state the test expects. */
    public WebDriverWait await() {
        return wait;
    }

    /**
     * Expects the provider's login form (no session yet: the page sent the browser there) and returns
     * its username field.
     */
    public WebElement providerLoginForm(OidcTestProvider provider) {
        WebElement username = wait.until(b -> b.findElements(By.id("username")).stream().findFirst().orElse(null));
        assertTrue(driver.getCurrentUrl().startsWith(provider.url() + "/authorize"), driver.getCurrentUrl());
        return username;
    }

    /** Types the credentials into the provider's form, as a user does, and submits it. */
    public void logIn(String username, String password) {
        WebElement field = driver.findElement(By.id("username"));
        field.clear();
        field.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
    }

    /** Waits until the browser is back on {@code page} with its application ({@code #app}) shown. */
    public void awaitSignedInOn(String page) {
        try {
            wait.until(b -> b.getCurrentUrl().startsWith(page) && b.findElement(By.id("app")).isDisplayed());
        } catch (TimeoutException e) {
            throw new AssertionError("not signed in: at " + driver.getCurrentUrl() + ": " + driver.getPageSource(), e);
        }
    }

    /** The trimmed text of an element, read in one script call (pages re-render as data changes), or null. */
    public String text(String css) {
        Object text = ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", css);
        return text == null ? null : text.toString();
    }

    public Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    public void screenshot(Path file) {
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
