package dk.brevrute.eboks.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.brevrute.eboks.support.CollectedSpans;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace per letter through the gateway: the routed record's trace is continued by the delivery
 * worker (a database queue in between), reaches SF1601 and letter-intake as W3C headers, and the
 * delivered record carries it; the spans hold no CPR number; the meters an SRE watches move, and a
 * letter's outcome counts once its transaction commits.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class DeliveryObservabilityTest extends DeliveryTestSupport {

    static final String CPR = "2306915678";

    @Inject
    CollectedSpans spans;
    @Inject
    DeliveryMetrics deliveryMetrics;
    @Inject
    MeterRegistry registry;

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String traceIdOf(String traceparent) {
        return traceparent == null ? null : traceparent.split("-")[1];
    }

    @Test
    void theLettersTraceGoesFromTheRoutedRecordThroughSf1601ToTheDeliveredRecord() {
        String traceId = hex(16);
        Letters.Letter letter = Letters.citizen(CPR);
        peers.document(letter);
        peers.registered(CPR, true);
        peers.accept(letter.transactionId());
        kafka.sendRaw(Topics.LETTERS_ROUTED, letter.letterId().toString(), KafkaTestClient.json(letter.routed()),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));

        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.LETTERS_DELIVERED, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.key().equals(letter.letterId().toString())));
        ConsumerRecord<String, String> delivered = seen.stream().filter(r -> r.key().equals(letter.letterId().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("not delivered"));
        assertEquals(traceId, traceIdOf(KafkaTestClient.header(delivered, "traceparent")), "the delivered record continues the trace");

        // The outbound calls carried the trace: SF1601's look-up and send, and the document fetch.
        List<LoggedRequest> sends = peers.sends(letter.transactionId());
        assertEquals(traceId, traceIdOf(sends.get(0).getHeader("traceparent")), "KombiPostAfsend");
        assertEquals(traceId, traceIdOf(peers.lookUps(CPR).get(0).getHeader("traceparent")), "PostForespoerg");
        assertEquals(traceId, traceIdOf(peers.documentFetches(letter).get(0).getHeader("traceparent")), "document fetch");

        List<SpanData> trace = await().atMost(Duration.ofSeconds(15)).until(() -> spans.ofTrace(traceId),
                s -> s.stream().anyMatch(x -> x.getName().equals("SF1601 KombiPostAfsend")));
        List<String> names = trace.stream().map(SpanData::getName).toList();
        assertTrue(names.contains("eboks-gateway.letters-routed process"), names.toString());
        assertTrue(names.contains("eboks-gateway deliver"), names.toString());
        assertTrue(names.contains("document fetch"), names.toString());
        assertTrue(names.contains("SF1601 PostForespoerg"), names.toString());
        assertTrue(trace.stream().anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.CLIENT), "REST client spans: " + names);
        for (SpanData s : spans.all()) {
            assertFalse(s.getName().contains(CPR), "CPR number in a span name");
            s.getAttributes().forEach((k, v) -> assertFalse(String.valueOf(v).contains(CPR), "CPR number in span attribute " + k));
        }
    }

    @Test
    void deliveryMetersMoveAndCarryNoLetterIds() {
        Letters.Letter letter = Letters.company();
        peers.document(letter);
        peers.accept(letter.transactionId());
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        kafka.readUntil(Topics.LETTERS_DELIVERED, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.key().equals(letter.letterId().toString())));

        String metrics = await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString(),
                m -> m.contains("brevrute_consumer_lag_records{group=\"eboks-gateway\",topic=\"letters.routed.v1\"}"));
        assertTrue(metrics.contains("brevrute_letters_submit_to_delivered_seconds_bucket{channel=\"DIGITAL\""), "end-to-end latency histogram");
        assertTrue(metrics.contains("gateway_deliveries_total{outcome=\"delivered\"}"), "deliveries by outcome");
        assertTrue(metrics.contains("gateway_delivery_latency_seconds_bucket"), "delivery latency histogram");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("brevrute_events_consumed_total{")
                && l.contains("consumer=\"eboks-gateway.letters-routed\"") && l.contains("outcome=\"processed\"")));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("brevrute_outbox_published_total{") && l.contains("topic=\"letters.delivered.v1\"")));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ft_circuitbreaker_state_current{")
                && l.contains("method=\"dk.brevrute.eboks.sf1601.Sf1601Client.send\"") && l.contains("state=\"open\"")),
                "SmallRye Fault Tolerance's circuit-breaker state (1 in the current state)");
        assertFalse(metrics.contains(letter.letterId().toString()));
    }

    @Test
    void anOutcomeCountsWhenItsTransactionCommitsAndNotWhenItRollsBack() {
        // Outcome names of this test only, so no letter of another test moves these series.
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            deliveryMetrics.outcome("test-rolled-back");
            throw new IllegalStateException("the attempt fails after its outcome was counted: the transaction rolls back");
        }));
        assertNull(registry.find("gateway.deliveries").tag("outcome", "test-rolled-back").counter(), "a rolled-back outcome counts nothing");
        QuarkusTransaction.requiringNew().run(() -> {
            deliveryMetrics.outcome("test-committed");
            assertNull(registry.find("gateway.deliveries").tag("outcome", "test-committed").counter(), "not before the commit");
        });
        assertEquals(1, registry.find("gateway.deliveries").tag("outcome", "test-committed").counter().count());
        deliveryMetrics.outcome("test-committed"); // outside a transaction: at once
        assertEquals(2, registry.find("gateway.deliveries").tag("outcome", "test-committed").counter().count());
    }
}
