package dk.brevrute.eboks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.Samples;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Letters claimed together get their documents from letter-intake in one call: each checked against
 * its letter's hash, a missing one fails its letter only, and one the batch leaves out, or every one
 * when the batch call fails, is fetched singly. The letters share a notBefore, so they fall due, and
 * are claimed, together.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class DocumentBatchTest extends DeliveryTestSupport {

    private static List<Letters.Letter> dueTogether(int n) {
        Instant notBefore = Instant.now().plusSeconds(3);
        return Stream.generate(() -> Letters.letter(Samples.company(Letters.CVR), "Faktura", notBefore)).limit(n).toList();
    }

    private void route(List<Letters.Letter> letters) {
        letters.forEach(l -> peers.accept(l.transactionId()));
        letters.forEach(l -> kafka.send(Topics.LETTERS_ROUTED, l.letterId().toString(), l.routed()));
    }

    private static void delivered(Letters.Letter l) {
        Events.first(kafka, Topics.LETTERS_DELIVERED, l.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
    }

    @Test
    void lettersClaimedTogetherFetchTheirDocumentsInOneCall() {
        List<Letters.Letter> letters = dueTogether(5);
        List<Letters.Letter> inBatch = letters.subList(0, 3);
        Letters.Letter missing = letters.get(3);
        Letters.Letter large = letters.get(4);
        peers.documents(inBatch, List.of(missing), List.of(large));
        peers.document(large);
        route(letters);

        inBatch.forEach(DocumentBatchTest::delivered);
        delivered(large);
        DeliveryFailed failed = Events.first(kafka, Topics.DELIVERY_FAILED, missing.letterId(), DeliveryFailed.class,
                Duration.ofSeconds(30));
        assertEquals(FailureKind.PERMANENT, failed.kind());
        assertTrue(failed.reason().startsWith("letter-intake has no document"), failed.reason());
        assertEquals(0, peers.sends(missing.transactionId()).size(), "nothing is sent without its document");

        assertEquals(1, peers.batchFetches(letters.get(0)).size(), "one call for the letters claimed together");
        for (Letters.Letter l : letters) {
            assertEquals(1, peers.batchFetches(l).size(), "asked for in the same call: " + l.letterId());
        }
        for (Letters.Letter l : inBatch) {
            assertEquals(0, peers.documentFetches(l).size(), "not fetched again singly");
            assertEquals(1, peers.sends(l.transactionId()).size());
        }
        assertEquals(0, peers.documentFetches(missing).size());
        assertEquals(1, peers.documentFetches(large).size(), "the document the batch left out is fetched singly");
    }

    @Test
    void aDocumentNotTheOneTheLetterReferencesFailsOnlyItsLetter() {
        List<Letters.Letter> letters = dueTogether(2);
        Letters.Letter good = letters.get(0);
        Letters.Letter altered = new Letters.Letter(letters.get(1).submitted(), "not the letter's PDF".getBytes());
        peers.documents(List.of(good, altered), List.of(), List.of());
        route(letters);

        delivered(good);
        DeliveryFailed failed = Events.first(kafka, Topics.DELIVERY_FAILED, altered.letterId(), DeliveryFailed.class,
                Duration.ofSeconds(30));
        assertEquals(FailureKind.PERMANENT, failed.kind());
        assertTrue(failed.reason().contains("does not match the letter's SHA-256"), failed.reason());
        assertEquals(0, peers.sends(altered.transactionId()).size());
    }

    @Test
    void whenTheBatchCallFailsEachLetterFetchesItsOwn() {
        List<Letters.Letter> letters = dueTogether(3);
        peers.intake.register(peers.batchFetch(letters.get(0)).willReturn(Peers.unavailable()));
        letters.forEach(peers::document);
        route(letters);

        letters.forEach(DocumentBatchTest::delivered);
        assertEquals(1, peers.batchFetches(letters.get(0)).size());
        for (Letters.Letter l : letters) {
            assertEquals(1, peers.documentFetches(l).size(), "fetched singly: " + l.letterId());
        }
    }
}
