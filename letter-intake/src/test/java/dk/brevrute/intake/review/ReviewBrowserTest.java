package dk.brevrute.intake.review;

import static dk.brevrute.intake.extraction.TestLetters.letter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.JobResult;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.HeadlessChromium;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
        TestUnit unit = PrinterTestSupport.unit("BUF", "browser");
        byte[] pdf = letter().window("Jens Hansen", "Nørregade 1", "1165 København K")
                .body("CPR-nr.: 010190-1234", "Personnummer: 020285-5678", "Vedr.: Afgørelse om friplads").pdf();
        JobResult job = PrinterTestSupport.print(root.toURI(), unit, pdf, "friplads.pdf");
        assertEquals(4, job.jobState(), "held for review");

        try (HeadlessChromium chromium = HeadlessChromium.start(1400, 1200)) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = chromium.await();
            OidcTestProvider provider = OidcTestProvider.start();
            String user = "kirsten-" + unit.id();
            provider.register(user, "review-pw-" + unit.id(), Map.of("sub", "caseworker-" + unit.id(), "department", "BUF",
                    "unit", unit.id(), "groups", List.of("caseworker")));
            browser.get(page.toString());

            // The provider's login form, not the queue: no session yet.
            chromium.providerLoginForm(provider);
            assertTrue(browser.findElements(By.id("jobs")).isEmpty(), "nothing is shown before signing in");
            chromium.logIn(user, "review-pw-" + unit.id());
            chromium.awaitSignedInOn(page.toString());
            assertFalse(browser.findElement(By.id("login")).isDisplayed(), "no token to paste");
            assertTrue(chromium.text("#who").contains(unit.id()), "signed in as the unit's caseworker: " + chromium.text("#who"));

            WebElement item = wait.until(b -> b.findElements(By.cssSelector("#jobs li[data-job='" + job.jobId() + "']")).stream()
                    .findFirst().orElse(null));
            assertTrue(item.getText().contains("Afgørelse om friplads"), "the queue shows the subject");
            item.click();
            wait.until(b -> Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript(
                    "const i = document.getElementById('preview'); return i.complete && i.naturalWidth > 0;")));
            assertTrue(browser.findElement(By.id("reason")).getText().contains("mere end ét CPR-nummer"));
            assertTrue(chromium.text("#window-text").contains("Jens Hansen"), "the window's text is shown");
            assertEquals("Afgørelse om friplads", browser.findElement(By.id("subject")).getAttribute("value"));

            chromium.screenshot(Path.of("target", "review-detail.png"));
            browser.findElement(By.id("kind-cpr")).click();
            browser.findElement(By.id("cpr")).sendKeys("010190-1234");
            browser.findElement(By.id("release")).click();

            String letterId = wait.until(b -> {
                Object id = ((JavascriptExecutor) b).executeScript("return document.getElementById('done').dataset.letter || null;");
                return id == null ? null : id.toString();
            });
            wait.until(b -> b.findElements(By.cssSelector("#jobs li[data-job='" + job.jobId() + "']")).isEmpty());
            chromium.screenshot(Path.of("target", "review-released.png"));

            LetterSubmitted submitted = ReviewQueueTest.submitted(UUID.fromString(letterId));
            assertEquals(Recipient.RecipientType.CPR, submitted.recipient().type());
            assertEquals("BUF", submitted.department());
            JobResult completed = PrinterTestSupport.job(root.toURI(), unit, job.jobId());
            assertEquals(9, completed.jobState(), "the print job completed");
            assertEquals(letterId, completed.letterId());
        }
    }
}
