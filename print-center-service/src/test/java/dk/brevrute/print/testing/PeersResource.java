package dk.brevrute.print.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The print centre's HTTP peers, simulated at the protocol level with WireMock (one server for all
 * three paths): letter-intake's document endpoint, routing's re-check and the CPR register. Tests
 * stub it through {@link Peers}. By default routing answers "no change" and unknown paths 404.
 */
public class PeersResource implements QuarkusTestResourceLifecycleManager {

    static final String PORT_PROPERTY = "brevrute.test.print.peers.port";
    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(8));
            server.start();
            System.setProperty(PORT_PROPERTY, String.valueOf(server.port()));
        }
        server.stubFor(post(urlEqualTo("/internal/v1/routing/recheck")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"decisions\":[]}")));
        String base = "http://127.0.0.1:" + server.port();
        return Map.of(
                "print.documents.url", base,
                "print.routing.url", base,
                "print.cpr-register.url", base);
    }

    @Override
    public void stop() {
        // Lives as long as the test JVM, like the broker and the database.
    }
}
