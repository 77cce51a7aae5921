package dk.brevrute.print.batch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** PRINT decisions from the real broker land in the print queue in PostgreSQL; DIGITAL ones do not. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class PrintQueueSmokeTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    PrintLetterRepository letters;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void printDecisionIsQueuedAndDigitalIsNot() {
        LetterSubmitted digital = Samples.submitted(Samples.citizen(Samples.CPR), false);
        LetterSubmitted paper = Samples.submitted(Samples.addressOnly(), false);
        kafka.send(Topics.LETTERS_ROUTED, digital.letterId().toString(), Samples.routed(digital, Channel.DIGITAL, RoutingReason.REGISTERED));
        kafka.send(Topics.LETTERS_ROUTED, paper.letterId().toString(), Samples.routed(paper, Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT));

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> letters.findByIdOptional(paper.letterId()).isPresent()));
        PrintLetter queued = QuarkusTransaction.requiringNew().call(() -> letters.findById(paper.letterId()));
        // Preparation may already have tried its document (which letter-intake does not know here).
        assertTrue(queued.status == PrintLetter.Status.WAITING || queued.status == PrintLetter.Status.FAILED);
        assertEquals(paper.document().sha256(), queued.documentSha256);
        assertEquals(RoutingReason.ADDRESS_ONLY_RECIPIENT, queued.routingReason);
        // Both records were consumed by the same consumer (the inbox holds both event ids); only one was queued.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) letters.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM processed_message WHERE consumer = 'print-center-service.letters-routed'")
                        .getSingleResult()).intValue() >= 2));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> letters.findByIdOptional(digital.letterId()).isEmpty()));
    }
}
