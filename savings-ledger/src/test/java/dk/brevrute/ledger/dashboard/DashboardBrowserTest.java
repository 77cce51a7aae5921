package dk.brevrute.ledger.dashboard;

import static dk.brevrute.ledger.LedgerTestSupport.addTariff;
import static dk.brevrute.ledger.LedgerTestSupport.asFinance;
import static dk.brevrute.ledger.LedgerTestSupport.awaitEntries;
import static dk.brevrute.ledger.LedgerTestSupport.digital;
import static dk.brevrute.ledger.LedgerTestSupport.print;
import static dk.brevrute.ledger.LedgerTestSupport.simpleTariff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.HeadlessChromium;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.OidcTestProvider;
import dk.brevrute.testinfra.OidcTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium against the running ledger, signed in like a person: the
 * page sends the browser to the OIDC provider's login form (test-infrastructure's protocol-level
 * provider), the test types a finance user's name and password, and the provider sends it back to the
 * dashboard, which then shows the ledger with the session's access token. 2099 has its own tariff
 * (B-post 10.00, fee 1.00: a digital letter saves 9.00) and a plan year finance entered (departments
 * fund 0.012 t.kr., gain 0.05 t.kr.: gross 62.00 DKK, contribution 12.00 DKK). BUF sends 2 digital
 * letters and 1 on paper, SOF 1 digital: realised 27.00, net gain 15.00, 7.50 to the departments
 * (BUF 3/4 = 5.625, SOF 1/4 = 1.875: the odd øre to BUF, first in the list on a tie) and 7.50 to the pool.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
// Global: every test class of the module gets the provider, so Quarkus starts once with OIDC configured.
@WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final KafkaTestClient kafka = new KafkaTestClient();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static void deliver(LetterDelivered d) {
        kafka.send(Topics.LETTERS_DELIVERED, d.letterId().toString(), d);
        awaitEntries(d.letterId(), 1);
    }

    @Test
    void financeSignsInAndSeesRealisedAgainstPlannedUpdatingLive() throws IOException {
        addTariff(simpleTariff("DASH-2099", "2099-01-01", "10.00", "1.00"));
        asFinance().contentType(ContentType.JSON)
                .body(Map.of("year", 2099, "fromInvestmentPool", 0, "fromDepartments", -0.012, "gainTotal", 0.05))
                .post("/api/v1/business-case/plan-years").then().statusCode(204);
        deliver(digital(UUID.randomUUID(), "BUF", "BUF-1200", "2099-04-10", 1));
        deliver(digital(UUID.randomUUID(), "BUF", "BUF-1200", "2099-04-10", 2));
        deliver(print(UUID.randomUUID(), "BUF", "BUF-1200", "2099-04-10", 1, "4.50", "0.90"));
        deliver(digital(UUID.randomUUID(), "SOF", "SOF-100", "2099-04-10", 1));

        try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1700)) {
            WebDriver browser = chromium.driver();
            WebDriverWait wait = chromium.await();
            OidcTestProvider provider = OidcTestProvider.start();
            String user = "finn-" + UUID.randomUUID();
            provider.register(user, "ledger-pw-2099", "finance-person", null, List.of("finance"));
            browser.get(dashboard + "?year=2099&poll=300");

            // The provider's login form, not the dashboard: no session yet.
            chromium.providerLoginForm(provider);
            chromium.logIn(user, "wrong password");
            wait.until(b -> b.findElements(By.id("error")).stream().anyMatch(e -> e.getText().contains("Wrong username or password")));
            chromium.logIn(user, "ledger-pw-2099");

            // Back on the dashboard, signed in: nothing pasted, the paste form hidden.
            chromium.awaitSignedInOn(dashboard.toString());
            assertTrue(browser.getCurrentUrl().contains("year=2099"), "back where the user started: " + browser.getCurrentUrl());
            assertFalse(browser.findElement(By.id("login")).isDisplayed(), "no token to paste");

            wait.until(b -> "18,00".equals(chromium.text("tr[data-department='BUF'] td.realised")));
            assertEquals("2", chromium.text("tr[data-department='BUF'] td.digital"));
            assertEquals("1", chromium.text("tr[data-department='BUF'] td.print"));
            assertEquals("3", chromium.text("tr[data-department='BUF'] td.letters"));
            assertEquals("66,7 %", chromium.text("tr[data-department='BUF'] td.share"));
            assertEquals("75,00 %", chromium.text("tr[data-department='BUF'] td.key"));
            assertEquals("46,50", chromium.text("tr[data-department='BUF'] td.planned"));
            assertEquals("38,7 %", chromium.text("tr[data-department='BUF'] td.realisation"));
            assertEquals("5,63", chromium.text("tr[data-department='BUF'] td.distribution"));
            assertEquals("9,00", chromium.text("tr[data-department='SOF'] td.realised"));
            assertEquals("1,87", chromium.text("tr[data-department='SOF'] td.distribution"));
            assertEquals("0,00", chromium.text("tr[data-department='OKF'] td.distribution"));
            assertEquals("7,50", chromium.text("tr[data-department='TOTAL'] td.distribution"));
            assertEquals("7,50", chromium.text("tr[data-department='PRIORITY_POOL'] td.distribution"));
            assertEquals("27,00", chromium.text("#kpi-realised"));
            assertEquals("62,00", chromium.text("#kpi-planned"));
            assertEquals("43,5 %", chromium.text("#kpi-realisation"));
            assertEquals("75,0 %", chromium.text("#kpi-digital-share"));
            assertEquals("15,00", chromium.text("#kpi-net-gain"));
            assertTrue(chromium.text("#price-level").contains("entered"), chromium.text("#price-level"));
            for (String chart : List.of("chart-years", "chart-departments", "chart-share")) {
                assertFalse(browser.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty(), chart + " is drawn");
            }
            Object bars = chromium.script(
                    "return echarts.getInstanceByDom(document.getElementById('chart-departments')).getOption().series[0].data;");
            assertTrue(bars.toString().contains("18"), "the department chart shows BUF's 18.00: " + bars);

            // A mailing runs: one more digital letter for BUF shows up without a reload.
            deliver(digital(UUID.randomUUID(), "BUF", "BUF-1300", "2099-04-11", 1));
            wait.until(b -> "27,00".equals(chromium.text("tr[data-department='BUF'] td.realised")));
            assertEquals("36,00", chromium.text("#kpi-realised"));
            assertEquals("9,60", chromium.text("tr[data-department='BUF'] td.distribution")); // 12.00 x 4/5
            assertEquals("2,40", chromium.text("tr[data-department='SOF'] td.distribution"));

            chromium.screenshot(Path.of("target", "dashboard-2099.png"));
        }
    }
}
