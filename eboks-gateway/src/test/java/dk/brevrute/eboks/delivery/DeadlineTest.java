package dk.brevrute.eboks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A letter SF1601 keeps refusing transiently fails with DEADLINE once its deadline (PT6S in tests) has passed. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class DeadlineTest extends DeliveryTestSupport {

    @Test
    void persistentTransientFailuresEndInADeadlineFailure() {
        Letters.Letter letter = Letters.company();
        peers.document(letter);
        peers.sf1601.register(peers.send(letter.transactionId()).willReturn(Peers.unavailable()));
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());

        List<DeliveryFailed> failures = Events.await(kafka, Topics.DELIVERY_FAILED, letter.letterId(), DeliveryFailed.class, 2,
                Duration.ofSeconds(30));
        assertEquals(List.of(FailureKind.TRANSIENT, FailureKind.DEADLINE), failures.stream().map(DeliveryFailed::kind).toList());
        DeliveryFailed deadline = failures.get(1);
        assertTrue(deadline.reason().startsWith("not delivered within PT6S; last failure: "), deadline.reason());
        DigitalDelivery d = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(letter.letterId()));
        assertEquals(DigitalDelivery.Status.FAILED, d.status);
        assertEquals(FailureKind.DEADLINE, d.failureKind);
        assertTrue(d.reschedules >= 2, "tried again several times before the deadline: " + d.reschedules);
        assertTrue(!d.updatedAt.isBefore(d.deadline), "not failed before the deadline");
        assertEquals(d.attempts, deadline.attempts());
        assertEquals(d.attempts, peers.sends(letter.transactionId()).size(), "every HTTP attempt counted");
    }
}
