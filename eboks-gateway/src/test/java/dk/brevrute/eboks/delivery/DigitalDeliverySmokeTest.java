package dk.brevrute.eboks.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * DIGITAL decisions from the real broker become PENDING deliveries holding what the worker needs;
 * PRINT ones do not. The letter here may not be sent before tomorrow, so it stays PENDING.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class DigitalDeliverySmokeTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    DigitalDeliveryRepository deliveries;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void digitalDecisionBecomesAPendingDeliveryWithAStableTransactionId() {
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        Letters.Letter digital = Letters.letter(Samples.citizen(Samples.CPR), "Afgørelse", tomorrow);
        LetterSubmitted paper = Samples.submitted(Samples.addressOnly(), false);
        LetterRouted paperRouted = Samples.routed(paper, Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT);
        LetterRouted digitalRouted = digital.routed();
        kafka.send(Topics.LETTERS_ROUTED, paper.letterId().toString(), paperRouted);
        kafka.send(Topics.LETTERS_ROUTED, digital.letterId().toString(), digitalRouted);

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> deliveries.findByIdOptional(digital.letterId()).isPresent()));
        DigitalDelivery d = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(digital.letterId()));
        assertEquals(DigitalDelivery.Status.PENDING, d.status);
        assertEquals(DigitalRoutedConsumer.transactionId(digital.letterId()), d.transactionId);
        assertEquals(digital.transactionId(), d.transactionId);
        assertEquals("CPR", d.recipientType);
        assertEquals(Samples.CPR, d.recipientId);
        assertEquals("Afgørelse", d.subject);
        assertTrue(d.mandatory);
        assertEquals(digital.submitted().document().documentId(), d.documentId);
        assertEquals(digital.submitted().document().sha256(), d.documentSha256);
        assertEquals(2, d.pages);
        assertEquals("BUF-1200", d.costCentre);
        assertEquals(tomorrow, d.nextAttemptAt, "held until the letter's notBefore");
        assertEquals(tomorrow.plusSeconds(6), d.deadline, "the deadline (PT6S in tests) runs from notBefore");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) deliveries.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM processed_message WHERE consumer = 'eboks-gateway.letters-routed' AND event_id IN (?1, ?2)")
                        .setParameter(1, digitalRouted.eventId()).setParameter(2, paperRouted.eventId())
                        .getSingleResult()).intValue() == 2));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> deliveries.findByIdOptional(paper.letterId()).isEmpty()));
    }
}
