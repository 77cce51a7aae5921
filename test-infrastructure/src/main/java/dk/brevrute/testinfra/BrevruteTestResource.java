package dk.brevrute.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL database, started once per
 * test JVM. Use one set of test resources per module, so Quarkus starts once.
 */
public class BrevruteTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return BrevruteInfrastructure.start().quarkusConfig();
    }

    @Override
    public void stop() {
        // The servers live as long as the test JVM; a shutdown hook stops them.
    }
}
