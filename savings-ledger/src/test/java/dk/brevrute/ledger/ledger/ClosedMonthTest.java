package dk.brevrute.ledger.ledger;

import static dk.brevrute.ledger.LedgerTestSupport.addTariff;
import static dk.brevrute.ledger.LedgerTestSupport.amount;
import static dk.brevrute.ledger.LedgerTestSupport.asFinance;
import static dk.brevrute.ledger.LedgerTestSupport.awaitEntries;
import static dk.brevrute.ledger.LedgerTestSupport.digital;
import static dk.brevrute.ledger.LedgerTestSupport.print;
import static dk.brevrute.ledger.LedgerTestSupport.simpleTariff;
import static org.hamcrest.Matchers.comparesEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;

import dk.brevrute.events.Topics;
import dk.brevrute.ledger.LedgerTestSupport;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A closed month never changes: a late delivery and a back-dated tariff land in the open month. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class ClosedMonthTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String march() {
        return asFinance().get("/api/v1/reports/departments?year=2025&month=3").then().statusCode(200).extract().asString()
                + asFinance().get("/api/v1/reports/cost-centres?year=2025&month=3").then().statusCode(200).extract().asString()
                + asFinance().get("/api/v1/reports/months?year=2025").then().statusCode(200).extract().jsonPath().getString("[2]");
    }

    @Test
    void closedMonthDoesNotChangeAndLaterCorrectionsLandInTheOpenMonth() {
        String current = YearMonth.now(LedgerTestSupport.ZONE).toString();
        UUID d1 = UUID.randomUUID();
        UUID p1 = UUID.randomUUID();
        kafka.send(Topics.LETTERS_DELIVERED, d1.toString(), digital(d1, "BUF", "BUF-1200", "2025-03-10", 1));
        kafka.send(Topics.LETTERS_DELIVERED, p1.toString(), print(p1, "BUF", "BUF-1200", "2025-03-11", 1, "4.50", "0.90"));
        JsonPath before = awaitEntries(d1, 1);
        awaitEntries(p1, 1);
        assertEquals("2025-03", before.getString("entries[0].period"));
        assertEquals(0, new BigDecimal("5.00").compareTo(amount(before, "entries[0].saving")), "EXAMPLE-2009, one sheet");
        String marchBefore = march();

        asFinance().post("/api/v1/periods/2025-03/close").then().statusCode(200)
                .body("month", equalTo("2025-03")).body("closedBy", equalTo(LedgerTestSupport.FINANCE_USER));
        asFinance().post("/api/v1/periods/2025-03/close").then().statusCode(200).body("month", equalTo("2025-03"));
        asFinance().post("/api/v1/periods/" + current + "/close").then().statusCode(409)
                .body("type", equalTo("https://brevrute.dk/problems/month-not-ended"));
        asFinance().post("/api/v1/periods/2025-13/close").then().statusCode(400);
        asFinance().get("/api/v1/periods/closed").then().statusCode(200).body("month", hasItem("2025-03"));

        // A delivery of 20 March arrives after the close: booked in the open month, dated as it happened.
        UUID late = UUID.randomUUID();
        kafka.send(Topics.LETTERS_DELIVERED, late.toString(), digital(late, "BUF", "BUF-1200", "2025-03-20", 1));
        JsonPath lateBooked = awaitEntries(late, 1);
        assertEquals(current, lateBooked.getString("entries[0].period"));
        assertEquals("2025-03-20", lateBooked.getString("entries[0].eventDate"));

        // A tariff back-dated to January re-prices March (10.00 - 1.00 = 9.00 instead of 5.00): corrections, in the open month.
        addTariff(simpleTariff("TEST-2025", "2025-01-01", "10.00", "1.00"));
        JsonPath corrected = awaitEntries(d1, 2);
        assertEquals("TARIFF_CORRECTION", corrected.getString("entries[1].kind"));
        assertEquals(current, corrected.getString("entries[1].period"));
        assertEquals(0, new BigDecimal("4.00").compareTo(amount(corrected, "entries[1].saving")));
        assertEquals(before.getMap("entries[0]"), corrected.getMap("entries[0]"), "the booked entry is never edited");
        JsonPath lateCorrected = awaitEntries(late, 2);
        assertEquals(current, lateCorrected.getString("entries[1].period"));

        assertEquals(marchBefore, march(), "the closed month changed");
        asFinance().get("/api/v1/reports/departments?year=2025&month=3").then()
                .body("departments.find { it.department == 'BUF' }.realisedGrossSaving", comparesEqualTo(new BigDecimal("5.00")))
                .body("departments.find { it.department == 'BUF' }.letters", equalTo(2));
    }
}
