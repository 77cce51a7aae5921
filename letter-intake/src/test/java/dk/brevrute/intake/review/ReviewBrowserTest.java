package dk.brevrute.intake.review;

import static dk.brevrute.intake.extraction.TestLetters.letter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.JobResult;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.OidcTestProvider;
import dk.brevrute.testinfra.OidcTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review page in a real headless Chromium against the running service: a caseworker of the unit
 * opens the page, is sent to the OIDC provider's login form (test-infrastructure's protocol-level
 * provider), types username and password, comes back signed in (nothing pasted), opens a printed letter that shows two CPR numbers, sees page 1 and its
 * text, enters the recipient's CPR number and releases it; the letter is published on
 * letters.submitted.v1 and the print job is completed with the letter id.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
// Global: every test class of the module gets the provider, so Quarkus starts once with OIDC configured.
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class ReviewBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/review/")
    URL page;

    @TestHTTPResource("/")
    URL root;

    @AfterAll
    static void close() {
        ReviewQueueTest.kafka.close();
    }

    @Test
    void aCaseworkerReleasesALetterFromReview() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the review page test needs Debian's headless Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get update && apt-get install -y chromium chromium-driver (.ci/run installs them on CI)");
        TestUnit unit = PrinterTestSupport.unit("BUF", "browser");
        byte[] pdf = letter().window("Jens Hansen", "Nørregade 1", "1165 København K")
                .body("CPR-nr.: 010190-1234", "Personnummer: 020285-5678", "Vedr.: Afgørelse om friplads").pdf();
        JobResult job = PrinterTestSupport.print(root.toURI(), unit, pdf, "friplads.pdf");
        assertEquals(4, job.jobState(), "held for review");

        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,1200");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            OidcTestProvider provider = OidcTestProvider.start();
            String user = "kirsten-" + unit.id();
            provider.register(user, "review-pw-" + unit.id(), Map.of("sub", "caseworker-" + unit.id(), "department", "BUF",
                    "unit", unit.id(), "groups", List.of("caseworker")));
            browser.get(page.toString());

            // The provider's login form, not the queue: no session yet.
            WebElement username = wait.until(b -> b.findElements(By.id("username")).stream().findFirst().orElse(null));
            assertTrue(browser.getCurrentUrl().startsWith(provider.url() + "/authorize"), browser.getCurrentUrl());
            assertTrue(browser.findElements(By.id("jobs")).isEmpty(), "nothing is shown before signing in");
            username.sendKeys(user);
            browser.findElement(By.id("password")).sendKeys("review-pw-" + unit.id());
            browser.findElement(By.id("submit")).click();
            try {
                wait.until(b -> b.getCurrentUrl().startsWith(page.toString()) && b.findElement(By.id("app")).isDisplayed());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("not signed in: at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
            }
            assertFalse(browser.findElement(By.id("login")).isDisplayed(), "no token to paste");
            assertTrue(text(browser, "#who").contains(unit.id()), "signed in as the unit's caseworker: " + text(browser, "#who"));

            WebElement item = wait.until(b -> b.findElements(By.cssSelector("#jobs li[data-job='" + job.jobId() + "']")).stream()
                    .findFirst().orElse(null));
            assertTrue(item.getText().contains("Afgørelse om friplads"), "the queue shows the subject");
            item.click();
            wait.until(b -> Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript(
                    "const i = document.getElementById('preview'); return i.complete && i.naturalWidth > 0;")));
            assertTrue(browser.findElement(By.id("reason")).getText().contains("mere end ét CPR-nummer"));
            assertTrue(text(browser, "#window-text").contains("Jens Hansen"), "the window's text is shown");
            assertEquals("Afgørelse om friplads", browser.findElement(By.id("subject")).getAttribute("value"));

            Files.write(Path.of("target", "review-detail.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.id("kind-cpr")).click();
            browser.findElement(By.id("cpr")).sendKeys("010190-1234");
            browser.findElement(By.id("release")).click();

            String letterId = wait.until(b -> {
                Object id = ((JavascriptExecutor) b).executeScript("return document.getElementById('done').dataset.letter || null;");
                return id == null ? null : id.toString();
            });
            wait.until(b -> b.findElements(By.cssSelector("#jobs li[data-job='" + job.jobId() + "']")).isEmpty());
            Files.write(Path.of("target", "review-released.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

            LetterSubmitted submitted = ReviewQueueTest.submitted(UUID.fromString(letterId));
            assertEquals(Recipient.RecipientType.CPR, submitted.recipient().type());
            assertEquals("BUF", submitted.department());
            JobResult completed = PrinterTestSupport.job(root.toURI(), unit, job.jobId());
            assertEquals(9, completed.jobState(), "the print job completed");
            assertEquals(letterId, completed.letterId());
        } finally {
            browser.quit();
            service.stop();
        }
    }

    static String text(WebDriver browser, String css) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
        return text == null ? "" : text.toString();
    }
}
