package dk.brevrute.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the {@link OidcTestProvider} (once per test JVM) before Quarkus and hands it its URL and
 * client credentials as {@code brevrute.oidc.*}. Declare it once per module with
 * {@code @WithTestResource(value = OidcTestResource.class, scope = TestResourceScope.GLOBAL)}: global, so
 * every test class keeps the same set of resources and Quarkus starts once.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return OidcTestProvider.start().quarkusConfig();
    }

    @Override
    public void stop() {
        // The provider lives as long as the test JVM.
    }
}
