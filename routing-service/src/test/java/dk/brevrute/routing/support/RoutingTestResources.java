package dk.brevrute.routing.support;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dk.brevrute.testinfra.BrevruteTestResource;

/**
 * The module's one set of test resources: the real broker and database, plus an SF1601 peer at the
 * protocol level (WireMock), so the real REST client, timeouts, retries and circuit breaker run.
 */
public class RoutingTestResources extends BrevruteTestResource {

    private static final String PORT_PROPERTY = "brevrute.test.sf1601.port";
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        synchronized (System.class) {
            if (System.getProperty(PORT_PROPERTY) == null) {
                server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
                server.start();
                System.setProperty(PORT_PROPERTY, String.valueOf(server.port()));
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            }
        }
        config.put("quarkus.rest-client.sf1601.url", "http://127.0.0.1:" + System.getProperty(PORT_PROPERTY));
        return config;
    }

    /** A client of the SF1601 stub, to program its answers. */
    public static WireMock sf1601() {
        return new WireMock("127.0.0.1", Integer.getInteger(PORT_PROPERTY));
    }
}
