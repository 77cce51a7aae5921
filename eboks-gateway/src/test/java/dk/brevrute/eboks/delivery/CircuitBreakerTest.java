package dk.brevrute.eboks.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.brevrute.eboks.sf1601.Sf1601Client;
import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.junit.jupiter.api.Test;

/**
 * A full SF1601 outage opens the circuit breaker (calls stop; letters wait in the database), and
 * when SF1601 is back the breaker closes again and every letter is delivered.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class CircuitBreakerTest extends DeliveryTestSupport {

    @Test
    void anOutageOpensTheCircuitAndItClosesWhenSf1601IsBack() {
        List<Letters.Letter> letters = Stream.generate(Letters::company).limit(3).toList();
        String ids = String.join("|", letters.stream().map(l -> l.transactionId().toString()).toList());
        StubMapping outage = peers.sf1601.register(WireMock.post(WireMock.urlPathEqualTo(Peers.SEND_PATH))
                .withHeader("X-TransaktionsId", WireMock.matching(ids)).atPriority(1).willReturn(Peers.unavailable()));
        for (Letters.Letter letter : letters) {
            peers.document(letter);
            peers.sf1601.register(peers.send(letter.transactionId()).atPriority(5).willReturn(Peers.accepted(letter.transactionId())));
            kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> breakers.currentState(Sf1601Client.SEND_BREAKER) == CircuitBreakerState.OPEN);
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ft_circuitbreaker_opened_total") && l.contains("Sf1601Client.send")
                && !l.endsWith(" 0.0")), "SmallRye exports the opening");
        // While open, calls are refused without reaching SF1601 and the letters wait.
        await().atMost(Duration.ofSeconds(10)).until(() -> letters.stream().anyMatch(l -> {
            String error = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(l.letterId()).lastError);
            return error != null && error.contains("circuit breaker open");
        }));

        peers.sf1601.removeStubMapping(outage); // SF1601 is back
        for (Letters.Letter letter : letters) {
            LetterDelivered d = Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class,
                    Duration.ofSeconds(30));
            assertEquals(letter.transactionId().toString(), d.transactionId());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> breakers.currentState(Sf1601Client.SEND_BREAKER) == CircuitBreakerState.CLOSED);
    }
}
