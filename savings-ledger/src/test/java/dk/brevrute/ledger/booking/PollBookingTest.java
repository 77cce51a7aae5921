package dk.brevrute.ledger.booking;

import static dk.brevrute.ledger.LedgerTestSupport.addTariff;
import static dk.brevrute.ledger.LedgerTestSupport.again;
import static dk.brevrute.ledger.LedgerTestSupport.amount;
import static dk.brevrute.ledger.LedgerTestSupport.asFinance;
import static dk.brevrute.ledger.LedgerTestSupport.awaitEntries;
import static dk.brevrute.ledger.LedgerTestSupport.digital;
import static dk.brevrute.ledger.LedgerTestSupport.print;
import static dk.brevrute.ledger.LedgerTestSupport.simpleTariff;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.ledger.LedgerTestSupport;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A poll of deliveries is booked in one transaction, which takes the ledger lock once and reads the
 * tariff in force and the closed months once per day and month: letters of different days, tariffs
 * and months in the same poll must each still be priced by their own day's version and land in their
 * own month (or the open month, when theirs is closed), a letter delivered both ways in the poll must
 * have its saving cancelled, and a delivery reported twice in the poll is booked once.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class PollBookingTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    MeterRegistry registry;

    @Inject
    LetterRouteRepository routes;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aPollAcrossTariffsAndMonthsPricesAndPlacesEachLetterByItsOwnDay() {
        // 2098 is used by no other test; 2012 lies under EXAMPLE-2009 (5.00 for one sheet), which no test supersedes.
        addTariff(simpleTariff("POLL-2098-01", "2098-01-01", "10.00", "1.00"));
        addTariff(simpleTariff("POLL-2098-07", "2098-07-01", "20.00", "2.00"));
        asFinance().post("/api/v1/periods/2012-02/close").then().statusCode(200);
        String open = YearMonth.now(LedgerTestSupport.ZONE).toString();

        UUID winter = UUID.randomUUID();
        UUID winterToo = UUID.randomUUID();
        UUID summer = UUID.randomUUID();
        UUID closedMonth = UUID.randomUUID();
        UUID openMonth = UUID.randomUUID();
        UUID bothWays = UUID.randomUUID();
        LetterDelivered twice = digital(winterToo, "BUF", "BUF-1200", "2098-02-11", 1);
        List<LetterDelivered> poll = List.of(
                digital(winter, "BUF", "BUF-1200", "2098-02-10", 1),
                digital(summer, "BUF", "BUF-1200", "2098-08-10", 1),
                digital(closedMonth, "SOF", "SOF-100", "2012-02-10", 1),
                twice,
                print(bothWays, "SOF", "SOF-100", "2098-08-12", 1, "20.00", "0.00"),
                digital(openMonth, "SOF", "SOF-100", "2012-04-10", 1),
                again(twice),
                digital(bothWays, "SOF", "SOF-100", "2098-08-11", 1));

        DistributionSummary before = perTransaction();
        long transactionsBefore = before == null ? 0 : before.count();
        double recordsBefore = before == null ? 0 : before.totalAmount();
        kafka.sendAsOneBatch(Topics.LETTERS_DELIVERED, "poll-" + UUID.randomUUID(), poll.stream().map(KafkaTestClient::json).toList());

        assertSaving(awaitEntries(winter, 1), "POLL-2098-01", "2098-02", "9.00");
        assertSaving(awaitEntries(summer, 1), "POLL-2098-07", "2098-08", "18.00");
        assertSaving(awaitEntries(closedMonth, 1), "EXAMPLE-2009", open, "5.00");
        assertSaving(awaitEntries(openMonth, 1), "EXAMPLE-2009", "2012-04", "5.00");
        JsonPath bookedOnce = awaitEntries(winterToo, 1);
        assertSaving(bookedOnce, "POLL-2098-01", "2098-02", "9.00");
        JsonPath both = awaitEntries(bothWays, 3);

        DistributionSummary after = perTransaction();
        assertNotNull(after, "the consumer reports records per transaction");
        assertEquals(1, after.count() - transactionsBefore, "the poll is one transaction");
        assertEquals(poll.size(), after.totalAmount() - recordsBefore, "holding every delivery of the poll");

        assertEquals(1, bookedOnce.getList("bookings").size(), "a delivery reported twice in the poll is booked once");
        assertEquals(1, bookedOnce.getList("entries").size());
        assertEquals(List.of("PRINT_COST", "DIGITAL_SAVING", "PAPER_AFTER_DIGITAL"), both.getList("entries.kind"));
        assertEquals(0, new BigDecimal("18.00").compareTo(amount(both, "entries[1].saving")));
        assertEquals(0, new BigDecimal("-20.00").compareTo(amount(both, "entries[2].saving")), "the paper copy cancels the saving");
    }

    /**
     * A poll reads its letters' earlier bookings and first routing decisions in one statement each: a
     * letter booked on paper in an earlier poll still has its saving cancelled when its digital delivery
     * comes in a poll of several, the paper delivery reported again is still booked once, and a delivery
     * that reports neither class, zone nor sheets is priced by its letter's route.
     */
    @Test
    void aPollFindsEachLettersEarlierBookingAndRoute() {
        // 2010 is in no report a test asserts, and lies under EXAMPLE-2009.
        UUID paperFirst = UUID.randomUUID();
        UUID abroad = UUID.randomUUID();
        UUID plain = UUID.randomUUID();
        LetterDelivered paper = print(paperFirst, "BUF", "BUF-1200", "2010-03-01", 1, "4.50", "0.90");
        kafka.send(Topics.LETTERS_DELIVERED, paperFirst.toString(), paper);
        awaitEntries(paperFirst, 1);
        // A citizen living in Sweden, three pages.
        LetterSubmitted a = ReplayTest.submitted(abroad, "SOF", new Recipient(Recipient.RecipientType.CPR, Samples.CPR, null,
                new PostalAddress("Sven Svensson", "Storgatan 1", null, "11122", "Stockholm", "SE")), 3, PostageClass.B);
        kafka.send(Topics.LETTERS_ROUTED, abroad.toString(), ReplayTest.routed(a, 1, Channel.DIGITAL, RoutingReason.REGISTERED));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> routes.count("letterId", abroad) > 0));

        LetterDelivered reportsLittle = digital(abroad, "SOF", "SOF-100", "2010-03-02", 0);
        List<LetterDelivered> poll = List.of(
                digital(paperFirst, "BUF", "BUF-1200", "2010-03-02", 1),
                new LetterDelivered(reportsLittle.eventId(), reportsLittle.occurredAt(), abroad, "SOF", "SOF-100", Channel.DIGITAL,
                        reportsLittle.deliveredAt(), "tx", 0, null, null, null, null, new BigDecimal("0.60"), null),
                again(paper),
                digital(plain, "SOF", "SOF-100", "2010-03-03", 1));
        kafka.sendAsOneBatch(Topics.LETTERS_DELIVERED, "earlier-" + UUID.randomUUID(), poll.stream().map(KafkaTestClient::json).toList());

        JsonPath both = awaitEntries(paperFirst, 3);
        assertEquals(2, both.getList("bookings").size(), "paper once, digital once");
        assertEquals(List.of("PRINT_COST", "DIGITAL_SAVING", "PAPER_AFTER_DIGITAL"), both.getList("entries.kind"));
        assertEquals(0, new BigDecimal("5.00").compareTo(amount(both, "entries[1].saving")));
        assertEquals(0, new BigDecimal("-5.40").compareTo(amount(both, "entries[2].saving")), "the earlier paper cost cancels the saving");
        JsonPath ab = awaitEntries(abroad, 1);
        assertEquals("EUROPE", ab.getString("bookings[0].zone"));
        assertEquals(3, ab.getInt("bookings[0].sheets"));
        // A-post to Europe (no B abroad) 9.00 + C5 0.30 + 3 x 0.30 + handling 0.50 - fee 0.60 = 10.10
        assertEquals(0, new BigDecimal("10.10").compareTo(amount(ab, "entries[0].saving")));
        assertSaving(awaitEntries(plain, 1), "EXAMPLE-2009", "2010-03", "5.00");
    }

    private static void assertSaving(JsonPath letter, String tariff, String period, String saving) {
        assertEquals("DIGITAL_SAVING", letter.getString("entries[0].kind"));
        assertEquals(tariff, letter.getString("entries[0].tariffId"));
        assertEquals(period, letter.getString("entries[0].period"));
        assertEquals(0, new BigDecimal(saving).compareTo(amount(letter, "entries[0].saving")),
                "saving " + letter.getString("entries[0].saving") + " instead of " + saving);
    }

    private DistributionSummary perTransaction() {
        return MessagingMetrics.recordsPerTransaction(registry, DeliveryBookingConsumer.CONSUMER);
    }
}
