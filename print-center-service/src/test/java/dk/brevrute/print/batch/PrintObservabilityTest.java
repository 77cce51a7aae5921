package dk.brevrute.print.batch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A paper letter keeps its trace while it waits in a batch for days: the letter-delivered record of
 * its hand-over continues the trace of the routed record; the print meters an SRE watches move.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class PrintObservabilityTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    TestPrint print;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void theHandOverContinuesEachLettersTraceAndTheMetersMove() {
        Fixtures.publishBaseTariff(kafka);
        String token = Fixtures.operatorToken("printcenter-obs");
        String traceId = hex(16);
        LetterSubmitted letter = Fixtures.letter(Fixtures.address(new PostalAddress("Dorte", "Vej 2", null, "2200", "By", "DK")),
                PostageClass.B, Fixtures.plainPdf(1), 1);
        print.closeOpenBatches();
        kafka.sendRaw(Topics.LETTERS_ROUTED, letter.letterId().toString(),
                KafkaTestClient.json(Samples.routed(letter, dk.brevrute.events.Channel.PRINT, RoutingReason.ADDRESS_ONLY_RECIPIENT)),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));
        UUID batchId = print.awaitLetter(letter.letterId(), PrintLetter.Status.BATCHED).batchId;

        String waiting = await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString(),
                m -> m.lines().anyMatch(l -> l.startsWith("print_batch_oldest_in_state_seconds{state=\"OPEN\"}") && !l.endsWith(" 0.0")));
        assertTrue(waiting.contains("print_batches{state=\"OPEN\"}"), "batches by state");
        assertTrue(waiting.contains("\nprint_letters_waiting "), "letters waiting");

        print.close(batchId);
        print.awaitRendered(batchId);
        for (String s : List.of("PRINTED", "ENVELOPED", "FRANKED", "HANDED_OVER")) {
            given().auth().oauth2(token).contentType("application/json").body(Map.of("state", s))
                    .post("/api/v1/batches/" + batchId + "/transitions").then().statusCode(200);
        }
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.LETTERS_DELIVERED, TestPrint.WAIT,
                rs -> rs.stream().anyMatch(r -> letter.letterId().toString().equals(r.key())));
        ConsumerRecord<String, String> delivered = seen.stream().filter(r -> letter.letterId().toString().equals(r.key()))
                .findFirst().orElseThrow(() -> new AssertionError("not delivered"));
        String traceparent = KafkaTestClient.header(delivered, "traceparent");
        assertEquals(traceId, traceparent == null ? null : traceparent.split("-")[1], "the hand-over continues the letter's trace");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("brevrute_letters_submit_to_delivered_seconds_bucket{channel=\"PRINT\""), "end-to-end latency, PRINT");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("print_postage_dkk_total") && !l.endsWith(" 0.0")), "postage");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("brevrute_events_consumed_total{")
                && l.contains("consumer=\"print-center-service.letters-routed\"") && l.contains("outcome=\"processed\"")));
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("brevrute_outbox_published_total{") && l.contains("topic=\"letters.delivered.v1\"")));
        assertFalse(metrics.contains(letter.letterId().toString()), "no letter id in any label");
        assertFalse(metrics.contains(batchId.toString()), "no batch id in any label");
    }
}
