package dk.brevrute.intake.document;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.OutboxRelay;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The outbox survives a relay outage; documents go after their retention, metadata stays. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class RetentionAndRelayTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String BUF = BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"));
    static final String SERVICE = BrevruteInfrastructure.tokens().issue("eboks-gateway", null, List.of("service"));

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static Map<String, Object> letter(String ref, byte[] pdf) {
        Map<String, Object> body = new HashMap<>();
        body.put("senderReference", ref);
        body.put("recipient", Map.of("cvr", "29189846"));
        body.put("subject", "Opkrævning");
        body.put("postageClass", "A");
        body.put("document", Map.of("filename", "a.pdf", "contentBase64", Base64.getEncoder().encodeToString(pdf)));
        return body;
    }

    long published(String key) {
        return kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(2), r -> false).stream()
                .filter(r -> r.key().equals(key)).count();
    }

    @Test
    void aLetterCommittedWhileTheRelayIsDownIsPublishedOnceWhenItComesBack() {
        relay.stop();
        String id;
        try {
            id = given().auth().oauth2(BUF).contentType(ContentType.JSON).body(letter("relay-" + UUID.randomUUID(), SamplePdfs.letter(1)))
                    .post("/api/v1/letters").then().statusCode(201).extract().path("letterId");
            String key = id;
            long waiting = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "SELECT count(*) FROM outbox_event WHERE record_key = ?1 AND topic = ?2").setParameter(1, key).setParameter(2, Topics.LETTERS_SUBMITTED).getSingleResult()).longValue());
            assertEquals(1, waiting, "the event waits in the outbox, committed with the letter");
            assertEquals(0, published(key), "nothing published while the relay is down");
        } finally {
            relay.start();
        }
        String key = id;
        await().atMost(Duration.ofSeconds(30)).until(() -> published(key) > 0);
        assertEquals(1, published(key), "published once");
    }

    @Test
    void documentsOfFinishedLettersAreDeletedAfterRetentionMetadataStays() {
        byte[] pdf = SamplePdfs.letter(2);
        String id = given().auth().oauth2(BUF).contentType(ContentType.JSON).body(letter("ret-" + UUID.randomUUID(), pdf))
                .post("/api/v1/letters").then().statusCode(201).extract().path("letterId");
        UUID documentId = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "SELECT document_id FROM letter WHERE id = ?1").setParameter(1, UUID.fromString(id)).getSingleResult());
        given().auth().oauth2(SERVICE).queryParam("department", "BUF").get("/internal/v1/documents/" + documentId).then().statusCode(200);

        // An unfinished letter keeps its document past the (test profile's 2 s) retention.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        given().auth().oauth2(SERVICE).queryParam("department", "BUF").get("/internal/v1/documents/" + documentId).then().statusCode(200);

        given().auth().oauth2(BUF).delete("/api/v1/letters/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT deleted_at FROM document WHERE id = ?1").setParameter(1, documentId).getSingleResult() != null));
        given().auth().oauth2(SERVICE).queryParam("department", "BUF").get("/internal/v1/documents/" + documentId).then().statusCode(404);
        given().auth().oauth2(BUF).get("/api/v1/letters/" + id).then().statusCode(200).body("status", is("CANCELLED"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT sha256 FROM document WHERE id = ?1").setParameter(1, documentId).getSingleResult() != null), "the hash stays");
    }
}
