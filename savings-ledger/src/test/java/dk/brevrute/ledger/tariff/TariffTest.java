package dk.brevrute.ledger.tariff;

import static dk.brevrute.ledger.LedgerTestSupport.addTariff;
import static dk.brevrute.ledger.LedgerTestSupport.amount;
import static dk.brevrute.ledger.LedgerTestSupport.asFinance;
import static dk.brevrute.ledger.LedgerTestSupport.awaitEntries;
import static dk.brevrute.ledger.LedgerTestSupport.digital;
import static dk.brevrute.ledger.LedgerTestSupport.simpleTariff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.Schemas;
import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.events.Topics;
import dk.brevrute.ledger.LedgerTestSupport;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Tariff versions against the real database and broker: publishing, effective dates, back-dated corrections. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class TariffTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @AfterAll
    static void close() {
        kafka.close();
    }

    static ConsumerRecord<String, String> published(String tariffId) {
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.TARIFFS_PUBLISHED, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> tariffId.equals(r.key())));
        return seen.stream().filter(r -> tariffId.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError(tariffId + " was not published on " + Topics.TARIFFS_PUBLISHED));
    }

    @Test
    void shippedExampleVersionsArePublishedOnTheCompactedTopicOnce() {
        for (String id : List.of("EXAMPLE-2009", "EXAMPLE-2026")) {
            ConsumerRecord<String, String> record = published(id);
            assertEquals(List.of(), Schemas.validate(TariffVersionPublished.class, record.value()), id);
            TariffVersionPublished t = KafkaTestClient.parse(record.value(), TariffVersionPublished.class);
            assertTrue(t.label().contains("EXAMPLE"), "example values are labelled: " + t.label());
            assertEquals(id, t.tariffId());
        }
        asFinance().get("/api/v1/tariffs").then().statusCode(200)
                .body("find { it.tariffId == 'EXAMPLE-2026' }.example", equalTo(true))
                .body("find { it.tariffId == 'EXAMPLE-2026' }.effectiveFrom", equalTo("2026-01-01"));
    }

    @Test
    void financeAddsAVersionWithWhoAndWhenAndItIsPublished() {
        Map<String, Object> t = simpleTariff("TEST-2090", "2090-01-01", "10.00", "1.00");
        asFinance().contentType(ContentType.JSON).body(t).post("/api/v1/tariffs").then().statusCode(201)
                .header("Location", endsWith("/api/v1/tariffs/TEST-2090"))
                .body("createdBy", equalTo(LedgerTestSupport.FINANCE_USER))
                .body("createdAt", notNullValue())
                .body("example", equalTo(false));

        TariffVersionPublished event = KafkaTestClient.parse(published("TEST-2090").value(), TariffVersionPublished.class);
        assertEquals(LedgerTestSupport.FINANCE_USER, event.createdBy());
        assertEquals("2090-01-01", event.effectiveFrom().toString());
        assertEquals(0, new BigDecimal("10.00").compareTo(event.postage().get(0).price()));
        assertEquals(0, new BigDecimal("1.00").compareTo(event.digitalPostFee()));

        // Once: the same version again changes nothing; other prices under the id, or a second version that day, conflict.
        asFinance().contentType(ContentType.JSON).body(t).post("/api/v1/tariffs").then().statusCode(200);
        asFinance().contentType(ContentType.JSON).body(simpleTariff("TEST-2090", "2090-01-01", "11.00", "1.00"))
                .post("/api/v1/tariffs").then().statusCode(409).body("type", equalTo("https://brevrute.dk/problems/tariff-exists"));
        asFinance().contentType(ContentType.JSON).body(simpleTariff("TEST-2090-B", "2090-01-01", "11.00", "1.00"))
                .post("/api/v1/tariffs").then().statusCode(409);
        Map<String, Object> invalid = simpleTariff("TEST-2090-C", "2090-02-01", "-1", "1.00");
        invalid.put("envelopes", List.of());
        asFinance().contentType(ContentType.JSON).body(invalid).post("/api/v1/tariffs").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("postage[0].price"))
                .body("violations.field", hasItem("envelopes"));
        asFinance().get("/api/v1/tariffs/in-force?date=2090-06-30").then().statusCode(200).body("tariffId", equalTo("TEST-2090"));
    }

    @Test
    void onlyFinanceReadsOrChangesTheLedger() {
        given().get("/api/v1/tariffs").then().statusCode(401);
        given().auth().oauth2(LedgerTestSupport.NOT_FINANCE).get("/api/v1/tariffs").then().statusCode(403);
        given().auth().oauth2(LedgerTestSupport.NOT_FINANCE).contentType(ContentType.JSON)
                .body(simpleTariff("X-2095", "2095-01-01", "1", "1")).post("/api/v1/tariffs").then().statusCode(403);
        given().get("/api/v1/reports/departments?year=2026").then().statusCode(401);
        given().get("/api/v1/bookings/totals").then().statusCode(401);
        given().get("/dashboard/index.html").then().statusCode(200); // static page, no data
    }

    /**
     * 2091: from January 10.00 - 1.00 = 9.00 a letter, from June 12.00 - 1.00 = 11.00. Then a version
     * from March (15.00 - 2.00 = 13.00) arrives late: the letter of 31 May gets a correction of +4.00
     * (fee +1.00); its first entry stays as it was; the letters of February and June get none.
     */
    @Test
    void versionAppliesFromItsEffectiveDateAndABackDatedOneYieldsCorrectionEntries() {
        addTariff(simpleTariff("TEST-2091-01", "2091-01-01", "10.00", "1.00"));
        addTariff(simpleTariff("TEST-2091-06", "2091-06-01", "12.00", "1.00"));
        UUID february = UUID.randomUUID();
        UUID may = UUID.randomUUID();
        UUID june = UUID.randomUUID();
        kafka.send(Topics.LETTERS_DELIVERED, february.toString(), digital(february, "TMF", "TMF-1", "2091-02-15", 1));
        kafka.send(Topics.LETTERS_DELIVERED, may.toString(), digital(may, "TMF", "TMF-1", "2091-05-31", 1));
        kafka.send(Topics.LETTERS_DELIVERED, june.toString(), digital(june, "TMF", "TMF-1", "2091-06-01", 1));

        JsonPath feb = awaitEntries(february, 1);
        JsonPath mayBefore = awaitEntries(may, 1);
        JsonPath jun = awaitEntries(june, 1);
        assertSaving(feb, 0, "DIGITAL_SAVING", "9.00", "TEST-2091-01");
        assertSaving(mayBefore, 0, "DIGITAL_SAVING", "9.00", "TEST-2091-01");
        assertSaving(jun, 0, "DIGITAL_SAVING", "11.00", "TEST-2091-06");

        addTariff(simpleTariff("TEST-2091-03", "2091-03-01", "15.00", "2.00"));

        JsonPath mayAfter = awaitEntries(may, 2);
        assertEquals(2, mayAfter.getList("entries").size());
        assertEquals(mayBefore.getMap("entries[0]"), mayAfter.getMap("entries[0]"), "the first entry is never edited");
        assertSaving(mayAfter, 1, "TARIFF_CORRECTION", "4.00", "TEST-2091-03");
        assertEquals(0, new BigDecimal("1.00").compareTo(amount(mayAfter, "entries[1].digitalFee")));
        assertEquals("2091-05", mayAfter.getString("entries[1].period"), "an open month takes its own correction");
        assertEquals(0, new BigDecimal("13.00").compareTo(amount(mayAfter, "entries[0].saving").add(amount(mayAfter, "entries[1].saving"))));

        // One re-pricing batch covers these letters, so the May correction being visible means the batch committed.
        asFinance().get("/api/v1/bookings/" + february).then().body("entries.size()", equalTo(1));
        asFinance().get("/api/v1/bookings/" + june).then().body("entries.size()", equalTo(1));
        TariffVersionPublished backDated = KafkaTestClient.parse(published("TEST-2091-03").value(), TariffVersionPublished.class);
        assertEquals("2091-03-01", backDated.effectiveFrom().toString());
    }

    static void assertSaving(JsonPath letter, int entry, String kind, String saving, String tariffId) {
        assertEquals(kind, letter.getString("entries[" + entry + "].kind"));
        assertEquals(0, new BigDecimal(saving).compareTo(amount(letter, "entries[" + entry + "].saving")),
                "saving of entry " + entry + ": " + letter.get("entries[" + entry + "]"));
        assertEquals(tariffId, letter.getString("entries[" + entry + "].tariffId"));
    }
}
