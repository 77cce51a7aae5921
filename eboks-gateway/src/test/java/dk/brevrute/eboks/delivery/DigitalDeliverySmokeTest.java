package dk.brevrute.eboks.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
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

/** DIGITAL decisions from the real broker become deliveries in PostgreSQL; PRINT ones do not. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class DigitalDeliverySmokeTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    DigitalDeliveryRepository deliveries;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void digitalDecisionBecomesADeliveryWithAStableTransactionId() {
        LetterSubmitted digital = Samples.submitted(Samples.company(Samples.CVR), false);
        LetterSubmitted paper = Samples.submitted(Samples.addressOnly(), false);
        kafka.send(Topics.LETTERS_ROUTED, paper.letterId().toString(), Samples.routed(paper, Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT));
        kafka.send(Topics.LETTERS_ROUTED, digital.letterId().toString(), Samples.routed(digital, Channel.DIGITAL, RoutingReason.COMPANY));

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> deliveries.findByIdOptional(digital.letterId()).isPresent()));
        DigitalDelivery d = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(digital.letterId()));
        assertEquals(DigitalDelivery.Status.PENDING, d.status);
        assertEquals(DigitalRoutedConsumer.transactionId(digital.letterId()), d.transactionId);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) deliveries.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM processed_message WHERE consumer = 'eboks-gateway.letters-routed'")
                        .getSingleResult()).intValue() >= 2));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> deliveries.findByIdOptional(paper.letterId()).isEmpty()));
    }
}
