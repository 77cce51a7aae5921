package dk.brevrute.eboks.delivery;

import java.net.URI;

import jakarta.inject.Inject;

import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the gateway's delivery tests share: the broker client, the WireMock peers (intake and
 * SF1601), the delivery table, and circuit breakers reset around each test, so one test's outage
 * never leaks into the next.
 */
abstract class DeliveryTestSupport {

    /** One client for the test JVM; its threads are daemons and end with it. */
    static final KafkaTestClient kafka = new KafkaTestClient();

    @ConfigProperty(name = WireMockPeers.INTAKE_URL)
    URI intakeUrl;
    @ConfigProperty(name = WireMockPeers.SF1601_URL)
    URI sf1601Url;
    @Inject
    DigitalDeliveryRepository deliveries;
    @Inject
    CircuitBreakerMaintenance breakers;

    Peers peers;

    @BeforeEach
    void setUpPeers() {
        peers = new Peers(intakeUrl, sf1601Url);
        breakers.resetAll();
    }

    @AfterEach
    void resetBreakers() {
        breakers.resetAll();
    }

    DigitalDelivery row(Letters.Letter letter) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.findById(letter.letterId()));
    }
}
