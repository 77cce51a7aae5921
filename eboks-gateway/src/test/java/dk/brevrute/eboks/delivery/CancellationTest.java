package dk.brevrute.eboks.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A letter cancelled before it is sent is never sent: neither while it waits nor when it is routed after the cancellation. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class CancellationTest extends DeliveryTestSupport {

    private boolean processed(String consumer, java.util.UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !deliveries.getEntityManager()
                .createNativeQuery("SELECT 1 FROM processed_message WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getResultList().isEmpty());
    }

    @Test
    void aWaitingLetterThatIsCancelledIsNeverSent() {
        // Not before in an hour: the letter waits, PENDING.
        Letters.Letter letter = Letters.letter(dk.brevrute.testinfra.Samples.company(Letters.CVR), "Indkaldelse",
                Instant.now().plus(1, ChronoUnit.HOURS));
        peers.document(letter);
        peers.accept(letter.transactionId());
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        await().atMost(Duration.ofSeconds(30)).until(() -> row(letter) != null);
        assertEquals(DigitalDelivery.Status.PENDING, row(letter).status);

        kafka.send(Topics.LETTERS_CANCELLED, letter.letterId().toString(), letter.cancelled());
        await().atMost(Duration.ofSeconds(30)).until(() -> row(letter).status == DigitalDelivery.Status.CANCELLED);
        assertNull(row(letter).recipientId);
        assertEquals(0, peers.sends(letter.transactionId()).size());
        assertEquals(0, peers.documentFetches(letter).size());
    }

    @Test
    void aLetterCancelledBeforeItIsRoutedHereIsNotTakenOn() {
        Letters.Letter letter = Letters.company();
        peers.document(letter);
        peers.accept(letter.transactionId());
        LetterCancelled cancelled = letter.cancelled();
        kafka.send(Topics.LETTERS_CANCELLED, letter.letterId().toString(), cancelled);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(LetterCancelledConsumer.CONSUMER, cancelled.eventId()));

        LetterRouted routed = letter.routed();
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), routed);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(DigitalRoutedConsumer.CONSUMER, routed.eventId()));
        assertNull(row(letter));
        assertEquals(0, peers.sends(letter.transactionId()).size());
        assertTrue(QuarkusTransaction.requiringNew().call(() -> deliveries.isCancelled(letter.letterId())));
    }
}
