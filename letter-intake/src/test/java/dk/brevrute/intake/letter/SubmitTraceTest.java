package dk.brevrute.intake.letter;

import static dk.brevrute.intake.letter.LetterRestTest.letter;
import static dk.brevrute.intake.letter.LetterRestTest.ref;
import static dk.brevrute.intake.letter.LetterRestTest.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The first hop of a letter's trace (issue #12): a submit that arrives with a W3C traceparent
 * publishes letters.submitted.v1 in the same trace, through the outbox.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class SubmitTraceTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theSubmittedRecordCarriesTheTraceOfTheSubmit() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        String letterId = given().auth().oauth2(token("BUF", "sender"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body(letter(ref())).post("/api/v1/letters")
                .then().statusCode(201).extract().path("letterId");

        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> letterId.equals(r.key())));
        ConsumerRecord<String, String> submitted = seen.stream().filter(r -> letterId.equals(r.key())).findFirst().orElseThrow();
        String traceparent = KafkaTestClient.header(submitted, "traceparent");
        assertNotNull(traceparent, "the relay puts the submit's trace on the record");
        assertEquals(traceId, traceparent.split("-")[1], "same trace as the submit: " + traceparent);
    }
}
