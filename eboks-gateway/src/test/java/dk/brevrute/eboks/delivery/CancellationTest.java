package dk.brevrute.eboks.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A letter cancelled before it is sent is never sent: neither while it waits nor when it is routed after the cancellation,
 * alone or in a poll of decisions (asked once for the poll).
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class CancellationTest extends DeliveryTestSupport {

    @Inject
    MeterRegistry registry;

    private boolean processed(String consumer, UUID eventId) {
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

    @Test
    void aPollOfDecisionsTakesOnEachLetterOnceAndNoCancelledOne() {
        Letters.Letter sent = Letters.company();
        Letters.Letter cancelledFirst = Letters.company();
        Letters.Letter paper = Letters.company();
        for (Letters.Letter l : List.of(sent, cancelledFirst, paper)) {
            peers.document(l);
            peers.accept(l.transactionId());
        }
        LetterCancelled cancelled = cancelledFirst.cancelled();
        kafka.send(Topics.LETTERS_CANCELLED, cancelledFirst.letterId().toString(), cancelled);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(LetterCancelledConsumer.CONSUMER, cancelled.eventId()));

        LetterRouted once = sent.routed();
        LetterRouted again = new LetterRouted(UUID.randomUUID(), Instant.now(), once.letterId(), once.department(), Channel.DIGITAL,
                once.reason(), null, 2, once.letter(), null);
        LetterRouted toPaper = new LetterRouted(UUID.randomUUID(), Instant.now(), paper.letterId(), "BUF", Channel.PRINT,
                RoutingReason.NOT_REGISTERED, null, 1, paper.submitted(), null);
        List<LetterRouted> poll = List.of(once, cancelledFirst.routed(), once, again, toPaper);
        DistributionSummary before = perTransaction();
        long transactionsBefore = before == null ? 0 : before.count();
        kafka.sendAsOneBatch(Topics.LETTERS_ROUTED, "poll-" + UUID.randomUUID(), poll.stream().map(KafkaTestClient::json).toList());

        await().atMost(Duration.ofSeconds(30)).until(() -> poll.stream().allMatch(r -> processed(DigitalRoutedConsumer.CONSUMER, r.eventId())));
        DistributionSummary after = perTransaction();
        assertEquals(1, after.count() - transactionsBefore, "the poll is one transaction");
        await().atMost(Duration.ofSeconds(30)).until(() -> row(sent).status == DigitalDelivery.Status.DELIVERED);
        assertEquals(1, peers.sends(sent.transactionId()).size(), "a letter decided twice in one poll is sent once");
        assertNull(row(cancelledFirst), "cancelled before the poll: not taken on");
        assertNull(row(paper), "routed to paper: not taken on");
        assertEquals(0, peers.sends(cancelledFirst.transactionId()).size());
        assertEquals(0, peers.sends(paper.transactionId()).size());
    }

    private DistributionSummary perTransaction() {
        return MessagingMetrics.recordsPerTransaction(registry, DigitalRoutedConsumer.CONSUMER);
    }
}
