package dk.brevrute.eboks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Transient SF1601 failures end in a delivery, always under the letter's one transaction id: a
 * burst of 503s and a timed-out answer are retried within the call (exponential back-off with
 * jitter); a 429 sends the letter back to wait for its Retry-After.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class TransientFailuresTest extends DeliveryTestSupport {

    private Letters.Letter route(Letters.Letter letter) {
        peers.document(letter);
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        return letter;
    }

    @Test
    void aBurstOf503sIsRetriedInTheCallAndDelivered() {
        Letters.Letter letter = Letters.company();
        String scenario = "burst-" + letter.letterId();
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Peers.unavailable()).willSetStateTo("one"));
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs("one")
                .willReturn(Peers.unavailable()).willSetStateTo("two"));
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs("two")
                .willReturn(Peers.accepted(letter.transactionId())));
        route(letter);

        LetterDelivered delivered = Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class,
                Duration.ofSeconds(30));
        assertEquals(letter.transactionId().toString(), delivered.transactionId());
        assertEquals(3, peers.sends(letter.transactionId()).size(), "two 503s, then accepted, all under the one transaction id");
        DigitalDelivery d = row(letter);
        assertEquals(3, d.attempts);
        assertEquals(0, d.reschedules, "retried within the call, not sent back to wait");
    }

    @Test
    void anAnswerThatComesTooLateIsRetriedUnderTheSameTransaction() {
        Letters.Letter letter = Letters.company();
        String scenario = "slow-" + letter.letterId();
        // The first answer comes after the 0.5 s read timeout of the test profile.
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Peers.accepted(letter.transactionId()).withFixedDelay(1_500)).willSetStateTo("fast"));
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs("fast")
                .willReturn(Peers.accepted(letter.transactionId())));
        route(letter);

        Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
        List<LoggedRequest> sends = peers.sends(letter.transactionId());
        assertEquals(2, sends.size());
        assertEquals(sends.get(0).getBodyAsString(), sends.get(1).getBodyAsString(), "a retry sends the same message");
        assertEquals(DigitalDelivery.Status.DELIVERED, row(letter).status);
    }

    @Test
    void aThrottledLetterWaitsForRetryAfter() {
        Letters.Letter letter = Letters.company();
        String scenario = "throttled-" + letter.letterId();
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(Peers.json(429, "{\"errorCode\":\"TOO_MANY_REQUESTS\"}").withHeader("Retry-After", "2"))
                .willSetStateTo("ok"));
        peers.sf1601.register(peers.send(letter.transactionId()).inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(Peers.accepted(letter.transactionId())));
        route(letter);

        Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
        List<LoggedRequest> sends = peers.sends(letter.transactionId());
        assertEquals(2, sends.size(), "a 429 is not retried at once");
        long gap = sends.get(1).getLoggedDate().getTime() - sends.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 2_000, "Retry-After: 2 honoured, but the retry came after " + gap + " ms");
        assertEquals(1, row(letter).reschedules);
        DeliveryFailed delayed = Events.first(kafka, Topics.DELIVERY_FAILED, letter.letterId(), DeliveryFailed.class,
                Duration.ofSeconds(10));
        assertEquals(FailureKind.TRANSIENT, delayed.kind(), "the delay is reported once, as TRANSIENT");
        assertTrue(delayed.reason().contains("429"));
    }
}
