package dk.brevrute.eboks.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * letter-intake's document endpoint and SF1601, played by two WireMock servers at the HTTP level,
 * so the gateway's real REST clients, timeouts, retries and circuit breaker run. Tests stub per
 * letter (by document id or {@code X-TransaktionsId}); the fallbacks here answer everything else
 * (a letter left over from another test) so that nothing is ever unmatched: a permanent 400 for a
 * send, 404 for a document, "registered" for a look-up.
 */
public class WireMockPeers implements QuarkusTestResourceLifecycleManager {

    public static final String SF1601_URL = "gateway.sf1601.url";
    public static final String INTAKE_URL = "gateway.documents.url";

    private WireMockServer intake;
    private WireMockServer sf1601;

    @Override
    public Map<String, String> start() {
        intake = server();
        sf1601 = server();
        intake.stubFor(any(urlPathMatching("/.*")).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404,\"detail\":\"no such document\"}")));
        sf1601.stubFor(post(urlPathEqualTo(Peers.SEND_PATH)).atPriority(100).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"errorCode\":\"NOT_STUBBED\",\"errorText\":\"no stub for this transaction\"}")));
        sf1601.stubFor(get(urlPathEqualTo(Peers.LOOKUP_PATH)).atPriority(100).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"result\":true}")));
        return Map.of(INTAKE_URL, intake.baseUrl(), SF1601_URL, sf1601.baseUrl());
    }

    private static WireMockServer server() {
        WireMockServer s = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .notifier(new Slf4jNotifier(false)).containerThreads(20));
        s.start();
        return s;
    }

    @Override
    public void stop() {
        if (intake != null) {
            intake.stop();
        }
        if (sf1601 != null) {
            sf1601.stop();
        }
    }
}
