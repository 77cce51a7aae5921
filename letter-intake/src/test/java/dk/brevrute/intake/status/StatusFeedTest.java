package dk.brevrute.intake.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.Department;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterReturned;
import dk.brevrute.events.LetterStatusChanged;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Schemas;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import dk.brevrute.testinfra.Samples;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every status change reaches the department's status feed exactly once, in the timeline's order. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class StatusFeedTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String BUF_TOKEN = BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"));
    static final Department BUF = Department.defaults().stream().filter(d -> d.id().equals("BUF")).findFirst().orElseThrow();

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String submit(String ref, boolean valid) {
        Map<String, Object> body = new HashMap<>();
        body.put("senderReference", ref);
        body.put("recipient", Map.of("cpr", valid ? "0101901234" : "3102901234"));
        body.put("subject", "Afgørelse");
        body.put("postageClass", "B");
        body.put("document", Map.of("filename", "a.pdf", "contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.letter(1))));
        return given().auth().oauth2(BUF_TOKEN).contentType(ContentType.JSON).body(body).post("/api/v1/letters")
                .then().statusCode(valid ? 201 : 422).extract().path("letterId");
    }

    /** Sends one downstream event and waits until the timeline shows it, so the next comes after it. */
    static void step(String topic, UUID letterId, Object event, String kind) {
        step(topic, letterId, event, kind, 1);
    }

    static void step(String topic, UUID letterId, Object event, String kind, int times) {
        kafka.send(topic, letterId.toString(), event);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(BUF_TOKEN).get("/api/v1/letters/" + letterId)
                .then().extract().<List<String>>path("timeline.kind").stream().filter(kind::equals).count() == times);
    }

    static List<LetterStatusChanged> feed(String key, int expected) {
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.lettersStatusChanged(BUF), Duration.ofSeconds(30),
                records -> records.stream().filter(r -> r.key().equals(key)).count() >= expected);
        List<ConsumerRecord<String, String>> mine = seen.stream().filter(r -> r.key().equals(key)).toList();
        mine.forEach(r -> assertTrue(Schemas.validate(LetterStatusChanged.class, r.value()).isEmpty(), "valid against the schema"));
        return mine.stream().map(r -> KafkaTestClient.parse(r.value(), LetterStatusChanged.class)).toList();
    }

    @Test
    void aDigitalLetterThatFellBackToPaperAndCameBack() {
        UUID id = UUID.fromString(submit("feed-" + UUID.randomUUID(), true));
        LetterSubmitted s = Samples.submitted(Samples.citizen(Samples.CPR), false);
        LetterSubmitted letter = new LetterSubmitted(s.eventId(), s.occurredAt(), id, "BUF", "x", null, s.recipient(), s.subject(),
                PostageClass.B, false, false, false, null, null, null, s.document());
        step(Topics.LETTERS_ROUTED, id, Samples.routed(letter, Channel.DIGITAL, RoutingReason.REGISTERED), "ROUTED");
        step(Topics.DELIVERY_FAILED, id, new DeliveryFailed(UUID.randomUUID(), Instant.now(), id, "BUF", Channel.DIGITAL,
                FailureKind.PERMANENT, "recipient unknown", 1), "DELIVERY_FAILED");
        step(Topics.LETTERS_ROUTED, id, new dk.brevrute.events.LetterRouted(UUID.randomUUID(), Instant.now(), id,
                "BUF", Channel.PRINT, RoutingReason.DIGITAL_FAILED, FailureKind.PERMANENT, 2, letter, null), "ROUTED", 2);
        step(Topics.LETTERS_DELIVERED, id, new LetterDelivered(UUID.randomUUID(), Instant.now(), id, "BUF", null, Channel.PRINT,
                Instant.now(), null, 2, PostageClass.B, "DK", new BigDecimal("12.00"), new BigDecimal("1.50"), null, "2026"), "DELIVERED");
        step(Topics.LETTERS_RETURNED, id, new LetterReturned(UUID.randomUUID(), Instant.now(), id, "BUF", "addressee unknown",
                "operator-1"), "RETURNED");

        List<LetterStatusChanged> feed = feed(id.toString(), 5);
        assertEquals(List.of("ACCEPTED", "ROUTED", "ROUTED", "DELIVERED", "RETURNED"),
                feed.stream().map(f -> f.status().name()).toList(), "a digital failure that falls back is not a failed letter");
        assertEquals(RoutingReason.DIGITAL_FAILED.name(), feed.get(2).reason());
        assertEquals(0, new BigDecimal("12.00").compareTo(feed.get(3).postage()), "paper deliveries carry the postage");
    }

    @Test
    void readFailedCancelledAndRejected() {
        UUID read = UUID.fromString(submit("feed-" + UUID.randomUUID(), true));
        step(Topics.LETTERS_DELIVERED, read, new LetterDelivered(UUID.randomUUID(), Instant.now(), read, "BUF", null, Channel.DIGITAL,
                Instant.now(), "tx", 1, PostageClass.B, "DK", null, null, new BigDecimal("0.35"), "2026"), "DELIVERED");
        step(Topics.LETTERS_READ, read, new LetterRead(UUID.randomUUID(), Instant.now(), read, "BUF", Instant.now(), "tx"), "READ");
        assertEquals(List.of("ACCEPTED", "DELIVERED", "READ"), feed(read.toString(), 3).stream().map(f -> f.status().name()).toList());

        UUID failed = UUID.fromString(submit("feed-" + UUID.randomUUID(), true));
        step(Topics.DELIVERY_FAILED, failed, new DeliveryFailed(UUID.randomUUID(), Instant.now(), failed, "BUF", Channel.PRINT,
                FailureKind.PERMANENT, "NO_ADDRESS", 1), "DELIVERY_FAILED");
        List<LetterStatusChanged> failedFeed = feed(failed.toString(), 2);
        assertEquals("FAILED", failedFeed.get(1).status().name());
        assertEquals("NO_ADDRESS", failedFeed.get(1).reason());

        UUID cancelled = UUID.fromString(submit("feed-" + UUID.randomUUID(), true));
        given().auth().oauth2(BUF_TOKEN).delete("/api/v1/letters/" + cancelled).then().statusCode(204);
        assertEquals(List.of("ACCEPTED", "CANCELLED"), feed(cancelled.toString(), 2).stream().map(f -> f.status().name()).toList());

        String ref = "feed-" + UUID.randomUUID();
        submit(ref, false);
        List<LetterStatusChanged> rejected = feed(ref, 1);
        assertEquals(1, rejected.size());
        assertEquals("REJECTED", rejected.get(0).status().name());
        assertEquals("CPR_INVALID", rejected.get(0).reason());
    }
}
