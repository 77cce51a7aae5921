package dk.brevrute.ledger.booking;

import static dk.brevrute.ledger.LedgerTestSupport.amount;
import static dk.brevrute.ledger.LedgerTestSupport.asFinance;
import static dk.brevrute.ledger.LedgerTestSupport.awaitEntries;
import static dk.brevrute.ledger.LedgerTestSupport.digital;
import static dk.brevrute.ledger.LedgerTestSupport.noon;
import static dk.brevrute.ledger.LedgerTestSupport.print;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.DocumentRef;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterReturned;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.ledger.LedgerTestSupport;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * 2014, priced with the shipped EXAMPLE-2009 tariff (B-post DK 4.50, C5 0.30, paper + print 0.30 a
 * sheet, handling 0.50, fee 0.60): a one-sheet digital letter saves 5.00, a two-sheet one 5.30.
 * Bookings, fallbacks, routes and returns from the real topics; then every topic replayed twice.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class ReplayTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @AfterAll
    static void close() {
        kafka.close();
    }

    static LetterSubmitted submitted(UUID letterId, String department, Recipient recipient, int pages, PostageClass cls) {
        return new LetterSubmitted(UUID.randomUUID(), noon("2014-03-01"), letterId, department, department + "-" + letterId, null,
                recipient, "Afgørelse", cls, false, false, false, null, 14, department + "-1",
                new DocumentRef(UUID.randomUUID().toString(), "a".repeat(64), 1234, pages, "brev.pdf", "application/pdf"));
    }

    static LetterRouted routed(LetterSubmitted letter, int sequence, Channel channel, RoutingReason reason) {
        return new LetterRouted(UUID.randomUUID(), noon("2014-03-02"), letter.letterId(), letter.department(), channel, reason, null,
                sequence, letter, null);
    }

    @Test
    void bookingsFromTheTopicsAndAReplayOfEveryTopicTwiceChangesNoTotal() {
        List<LetterDelivered> deliveries = new ArrayList<>();
        UUID d1 = UUID.randomUUID(), d2 = UUID.randomUUID(), d3 = UUID.randomUUID(), p1 = UUID.randomUUID();
        UUID d4 = UUID.randomUUID(), d5 = UUID.randomUUID(), p2 = UUID.randomUUID(), p3 = UUID.randomUUID();
        UUID fallback = UUID.randomUUID(), abroad = UUID.randomUUID();
        deliveries.add(digital(d1, "BUF", "BUF-1200", "2014-03-03", 1));
        deliveries.add(digital(d2, "BUF", "BUF-1200", "2014-03-04", 2));
        deliveries.add(digital(d3, "BUF", "BUF-1300", "2014-04-04", 1));
        deliveries.add(print(p1, "BUF", "BUF-1200", "2014-04-05", 1, "4.50", "0.90"));
        deliveries.add(digital(d4, "SOF", "SOF-100", "2014-05-01", 1));
        deliveries.add(digital(d5, "SOF", "SOF-100", "2014-05-02", 1));
        deliveries.add(print(p2, "OKF", "OKF-9", "2014-05-03", 1, "4.50", "0.90"));
        deliveries.add(print(p3, "OKF", "OKF-9", "2014-05-03", 2, "4.50", "1.20"));

        // Read too late: digital first, then on paper after the unread deadline. Routing says why.
        LetterSubmitted f = submitted(fallback, "TMF", Samples.citizen(Samples.CPR), 1, PostageClass.B);
        kafka.send(Topics.LETTERS_ROUTED, fallback.toString(), routed(f, 1, Channel.DIGITAL, RoutingReason.REGISTERED));
        kafka.send(Topics.LETTERS_ROUTED, fallback.toString(), routed(f, 2, Channel.PRINT, RoutingReason.UNREAD_DEADLINE));
        // A citizen living in Sweden, three pages; the delivery reports neither class, zone nor sheets.
        LetterSubmitted a = submitted(abroad, "SOF", new Recipient(Recipient.RecipientType.CPR, Samples.CPR, null,
                new PostalAddress("Sven Svensson", "Storgatan 1", null, "11122", "Stockholm", "SE")), 3, PostageClass.B);
        kafka.send(Topics.LETTERS_ROUTED, abroad.toString(), routed(a, 1, Channel.DIGITAL, RoutingReason.REGISTERED));
        awaitRoutes(fallback, abroad);

        deliveries.add(digital(fallback, "TMF", "TMF-1", "2014-06-01", 1));
        deliveries.add(print(fallback, "TMF", "TMF-1", "2014-06-20", 1, "4.50", "0.90"));
        LetterDelivered abroadDelivered = digital(abroad, "SOF", "SOF-100", "2014-06-02", 0);
        deliveries.add(new LetterDelivered(abroadDelivered.eventId(), abroadDelivered.occurredAt(), abroad, "SOF", "SOF-100",
                Channel.DIGITAL, abroadDelivered.deliveredAt(), "tx", 0, null, null, null, null, new BigDecimal("0.60"), null));
        for (LetterDelivered d : deliveries) {
            kafka.send(Topics.LETTERS_DELIVERED, d.letterId().toString(), d);
        }
        kafka.send(Topics.LETTERS_RETURNED, p2.toString(),
                new LetterReturned(UUID.randomUUID(), noon("2014-05-20"), p2, "OKF", "Adressaten er ubekendt", "operator-1"));

        for (UUID id : List.of(d1, d2, d3, p1, d4, d5, p3, abroad)) {
            awaitEntries(id, 1);
        }
        awaitEntries(p2, 2);
        JsonPath fb = awaitEntries(fallback, 3);

        // What was booked, by hand.
        assertEquals("PAPER_AFTER_DIGITAL", fb.getString("entries[2].kind"));
        assertEquals(0, new BigDecimal("-5.40").compareTo(amount(fb, "entries[2].saving")), "the paper cost cancels the saving");
        assertTrue(fb.getString("entries[2].note").contains("UNREAD_DEADLINE"), fb.getString("entries[2].note"));
        JsonPath ab = awaitEntries(abroad, 1);
        assertEquals("EUROPE", ab.getString("bookings[0].zone"));
        assertEquals(3, ab.getInt("bookings[0].sheets"));
        // A-post to Europe (no B abroad) 9.00 + C5 0.30 + 3 x 0.30 + handling 0.50 - fee 0.60 = 10.10
        assertEquals(0, new BigDecimal("10.10").compareTo(amount(ab, "entries[0].saving")));

        JsonPath report = asFinance().get("/api/v1/reports/departments?year=2014").then().statusCode(200).extract().jsonPath();
        assertDepartment(report, "BUF", 3, 1, 0, "15.30"); // 5.00 + 5.30 + 5.00
        assertDepartment(report, "SOF", 3, 0, 0, "20.10"); // 5.00 + 5.00 + 10.10
        assertDepartment(report, "OKF", 0, 2, 1, "0.00");
        assertDepartment(report, "TMF", 1, 1, 0, "-0.40"); // 5.00 - 5.40
        assertEquals(0, new BigDecimal("35.00").compareTo(amount(report, "totals.realisedGrossSaving")));
        assertEquals(11, report.getInt("totals.letters"));

        List<UUID> letters = deliveries.stream().map(LetterDelivered::letterId).distinct().toList();
        Map<String, Object> before = snapshot(letters);

        // Replay: every record of every topic the ledger reads, twice; and each delivery once more under a new event id.
        List<String> topics = List.of(Topics.LETTERS_DELIVERED, Topics.LETTERS_ROUTED, Topics.LETTERS_RETURNED);
        for (int round = 0; round < 2; round++) {
            for (String topic : topics) {
                for (ConsumerRecord<String, String> r : LedgerTestSupport.readAll(topic)) {
                    kafka.sendRaw(topic, r.key(), r.value(), Map.of());
                }
            }
        }
        for (LetterDelivered d : deliveries) {
            kafka.send(Topics.LETTERS_DELIVERED, d.letterId().toString(), LedgerTestSupport.again(d));
        }
        LedgerTestSupport.awaitConsumed("savings-ledger", topics);

        assertEquals(before, snapshot(letters), "replaying the topics changed a total");
    }

    @Test
    void bookingsAndAmountsAreCountedInMetricsWithoutLetterIds() {
        UUID id = UUID.randomUUID();
        kafka.send(Topics.LETTERS_DELIVERED, id.toString(), digital(id, "BIF", "BIF-1", "2014-08-01", 1));
        awaitEntries(id, 1);
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        // Counters exist from start-up at 0 (pre-registered per department): check they moved.
        assertTrue(positive(metrics, "ledger_bookings_total{", "channel=\"DIGITAL\"", "department=\"BIF\""),
                "bookings counter by channel and department");
        assertTrue(positive(metrics, "ledger_saving_dkk_total{", "department=\"BIF\""), "savings booked, DKK by department");
        assertTrue(positive(metrics, "brevrute_events_consumed_total{", "consumer=\"savings-ledger.letters-delivered\"", "outcome=\"processed\""),
                "the kit's consumer meters");
        assertTrue(metrics.contains("brevrute_event_processing_seconds_bucket{consumer=\"savings-ledger.letters-delivered\""));
        assertTrue(metrics.contains("ledger_print_cost_dkk_total{department=\"BIF\"}"), "print cost series exists before a print booking");
        assertFalse(metrics.contains(id.toString()), "no letter id in metrics");
    }

    /** A line of {@code metrics} starting with {@code prefix}, holding every label, whose value is above 0. */
    static boolean positive(String metrics, String prefix, String... labels) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .anyMatch(l -> {
                    String[] parts = l.substring(l.indexOf('}') + 1).trim().split(" ");
                    return Double.parseDouble(parts[0]) > 0;
                });
    }

    @Test
    void poisonOnReturnedAndRoutedGoesToTheirDeadLetterTopics() {
        String key = "poison-" + UUID.randomUUID();
        kafka.sendRaw(Topics.LETTERS_RETURNED, key, "{\"eventId\": 42", Map.of());
        kafka.sendRaw(Topics.LETTERS_ROUTED, key, "{\"eventId\": \"x\", \"letter\": {\"recipient\": {\"cpr\": \"0101901234\"}}}", Map.of());
        for (String topic : List.of(Topics.LETTERS_RETURNED, Topics.LETTERS_ROUTED)) {
            String dlq = Topics.dlq(topic, "savings-ledger");
            ConsumerRecord<String, String> dead = kafka.readUntil(dlq, Duration.ofSeconds(30),
                    seen -> seen.stream().anyMatch(r -> key.equals(r.key())))
                    .stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow(() -> new AssertionError("nothing on " + dlq));
            String reason = KafkaTestClient.header(dead, "dead-letter-reason");
            assertNotNull(reason, dlq);
            assertFalse(reason.contains("0101901234"), reason);
        }
    }

    static void assertDepartment(JsonPath report, String department, int digital, int print, int returned, String realised) {
        String row = "departments.find { it.department == '" + department + "' }";
        assertEquals(digital, report.getInt(row + ".digitalLetters"), department);
        assertEquals(print, report.getInt(row + ".printLetters"), department);
        assertEquals(returned, report.getInt(row + ".returnedLetters"), department);
        assertEquals(0, new BigDecimal(realised).compareTo(amount(report, row + ".realisedGrossSaving")), department);
    }

    static Map<String, Object> snapshot(List<UUID> letters) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("departments", asFinance().get("/api/v1/reports/departments?year=2014").then().statusCode(200).extract().asString());
        s.put("months", asFinance().get("/api/v1/reports/months?year=2014").then().statusCode(200).extract().asString());
        s.put("costCentres", asFinance().get("/api/v1/reports/cost-centres?year=2014").then().statusCode(200).extract().asString());
        for (UUID id : letters) {
            s.put(id.toString(), asFinance().get("/api/v1/bookings/" + id).then().statusCode(200).extract().asString());
        }
        return s;
    }

    @Inject
    LetterRouteRepository routes;

    /** The bookkeeper reads a letter's route when its delivery arrives; the two topics are not ordered together. */
    void awaitRoutes(UUID... letters) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> java.util.Arrays.stream(letters).allMatch(id -> routes.count("letterId", id) > 0)));
    }
}
