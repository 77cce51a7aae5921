package dk.brevrute.simulator.receipt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dk.brevrute.simulator.memo.MemoFixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read receipts are pushed to the callback, with the configured token, retried after a 5xx. */
@QuarkusTest
class ReceiptPushTest {

    static WireMockServer callback;
    static final String PATH = "/api/v1/sf1601/post-status";

    @BeforeAll
    static void start() {
        callback = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        callback.start();
    }

    @AfterAll
    static void stop() {
        callback.stop();
    }

    @BeforeEach
    void reset() {
        given().post("/admin/reset").then().statusCode(204);
        callback.resetAll();
        given().contentType("application/json")
                .body(Map.of("callbackUrl", callback.baseUrl() + PATH, "delayMillis", 100, "readShare", 1.0))
                .put("/admin/receipts").then().statusCode(200);
    }

    static UUID send(UUID letter) {
        UUID tx = UUID.randomUUID();
        given().contentType("application/xml").body(MemoFixtures.kombiBytes(letter, "0101901234", "CPR"))
                .header("X-TransaktionsId", tx.toString()).header("X-TransaktionsTid", OffsetDateTime.now().toString())
                .header("Authorization", "Bearer t").post("/service/KombiPostAfsend_1/memos").then().statusCode(200);
        return tx;
    }

    @Test
    void aPlacedLetterIsReadAndTheReceiptPushedWithTheToken() {
        callback.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));
        UUID letter = UUID.randomUUID();
        UUID tx = send(letter);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> callback.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer receipts-test-token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.transactionId", equalTo(tx.toString())))
                .withRequestBody(matchingJsonPath("$.messageUuid", equalTo(letter.toString())))
                .withRequestBody(matchingJsonPath("$.status", equalTo("read")))
                .withRequestBody(matchingJsonPath("$.time"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/admin/counters").then().extract()
                .<Integer>path("receiptsPushed") == 1);
    }

    @Test
    void aFailedPushIsRetried() {
        callback.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        callback.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        send(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> callback.verify(2, postRequestedFor(urlEqualTo(PATH))));
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/admin/counters").then().extract()
                .<Integer>path("receiptsPushed") == 1);
    }

    @Test
    void theAdminEndpointPushesAnyStatus() {
        callback.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
        given().contentType("application/json").body(Map.of("readShare", 0.0)).put("/admin/receipts").then().statusCode(200);
        UUID letter = UUID.randomUUID();
        UUID tx = send(letter);
        given().contentType("application/json").body(Map.of("transactionId", tx.toString(), "status", "failed", "reason", "postkassen er lukket"))
                .post("/admin/receipts").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> callback.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson("{\"transactionId\":\"" + tx + "\",\"messageUuid\":\"" + letter
                        + "\",\"status\":\"failed\",\"reason\":\"postkassen er lukket\"}", true, true))));
    }
}
