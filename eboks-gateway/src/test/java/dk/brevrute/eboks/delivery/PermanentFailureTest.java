package dk.brevrute.eboks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.Schemas;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What can never succeed fails at once (PERMANENT), without retries, so routing can fall back to paper. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class PermanentFailureTest extends DeliveryTestSupport {

    private DeliveryFailed failure(Letters.Letter letter) {
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        DeliveryFailed failed = Events.first(kafka, Topics.DELIVERY_FAILED, letter.letterId(), DeliveryFailed.class, Duration.ofSeconds(30));
        assertEquals(FailureKind.PERMANENT, failed.kind());
        assertEquals(Channel.DIGITAL, failed.channel());
        assertEquals(Schemas.validate(failed), java.util.List.of());
        DigitalDelivery d = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(letter.letterId()));
        assertEquals(DigitalDelivery.Status.FAILED, d.status);
        assertEquals(FailureKind.PERMANENT, d.failureKind);
        return failed;
    }

    @Test
    void anUnknownRecipientFailsAfterOneAttempt() {
        Letters.Letter letter = Letters.company();
        peers.document(letter);
        peers.sf1601.register(peers.send(letter.transactionId()).willReturn(Peers.json(400,
                "{\"errorCode\":\"UNKNOWN_RECIPIENT\",\"errorText\":\"the recipient is not known to Digital Post\"}")));
        DeliveryFailed failed = failure(letter);
        assertEquals("SF1601 KombiPostAfsend answered 400 (UNKNOWN_RECIPIENT: the recipient is not known to Digital Post)",
                failed.reason());
        assertEquals(1, failed.attempts());
        assertEquals(1, peers.sends(letter.transactionId()).size(), "a permanent answer is not retried");
    }

    @Test
    void anInvalidMessageAnswerIsPermanentAndACprNumberInItIsMasked() {
        String cpr = "2103794412";
        Letters.Letter letter = Letters.citizen(cpr);
        peers.document(letter);
        peers.registered(cpr, true);
        peers.sf1601.register(peers.send(letter.transactionId()).willReturn(Peers.json(400,
                "{\"errorCode\":\"INVALID_MEMO\",\"errorText\":\"recipientID " + cpr + " is odd\"}")));
        DeliveryFailed failed = failure(letter);
        assertTrue(failed.reason().startsWith("SF1601 KombiPostAfsend answered 400 (INVALID_MEMO"));
        assertFalse(failed.reason().contains(cpr), "the peer's error text quoted the CPR number: " + failed.reason());
    }

    @Test
    void aCitizenWhoCannotReceiveDigitalPostIsNotSentAnything() {
        String cpr = "0807651238";
        Letters.Letter letter = Letters.citizen(cpr);
        peers.document(letter);
        peers.registered(cpr, false);
        DeliveryFailed failed = failure(letter);
        assertTrue(failed.reason().contains("PostForespoerg"));
        assertEquals(0, failed.attempts());
        assertEquals(0, peers.sends(letter.transactionId()).size());
        assertEquals(0, peers.documentFetches(letter).size());
    }

    @Test
    void aDocumentThatIsNotTheOneReferencedIsNeverSent() {
        Letters.Letter letter = Letters.company();
        peers.wrongDocument(letter, "%PDF-1.7 another letter".getBytes(StandardCharsets.US_ASCII));
        DeliveryFailed failed = failure(letter);
        assertTrue(failed.reason().contains("does not match the letter's SHA-256"), failed.reason());
        assertEquals(0, peers.sends(letter.transactionId()).size());
    }

    @Test
    void aMissingDocumentFailsForGood() {
        Letters.Letter letter = Letters.company(); // no document stub: letter-intake answers 404
        DeliveryFailed failed = failure(letter);
        assertTrue(failed.reason().startsWith("letter-intake has no document"), failed.reason());
    }

    @Test
    void aDigitalLetterWithoutCprOrCvrFailsSoRoutingCanPrintIt() {
        Letters.Letter letter = Letters.letter(Samples.addressOnly(), "Brev", null);
        DeliveryFailed failed = failure(letter);
        assertEquals("the letter has no CPR or CVR number to deliver to", failed.reason());
    }
}
