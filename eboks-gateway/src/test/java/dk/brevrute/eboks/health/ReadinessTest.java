package dk.brevrute.eboks.health;

import java.net.URL;

import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.Readiness;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class ReadinessTest {

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void readyReportsKafkaAndDatabase() {
        Readiness.assertReadyWithKafkaAndDatabase(ready);
    }
}
