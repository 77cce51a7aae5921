package dk.brevrute.eboks.receipt;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.Schemas;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status messages from Digital Post: read becomes LetterRead, failed after acceptance DeliveryFailed; each once. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class PostStatusTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String PATH = "/api/v1/sf1601/post-status";

    @ConfigProperty(name = WireMockPeers.INTAKE_URL)
    URI intakeUrl;
    @ConfigProperty(name = WireMockPeers.SF1601_URL)
    URI sf1601Url;

    Peers peers;

    @BeforeEach
    void peers() {
        peers = new Peers(intakeUrl, sf1601Url);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String token(String... roles) {
        return "Bearer " + BrevruteInfrastructure.tokens().issue("sf1601", null, List.of(roles));
    }

    static ValidatableResponse push(UUID transactionId, String status, Instant time, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("transactionId", transactionId.toString(), "status", status,
                "time", time.toString()));
        if (reason != null) {
            body.put("reason", reason);
        }
        return given().header("Authorization", token("service")).contentType("application/json").body(body).post(PATH).then();
    }

    private Letters.Letter delivered() {
        return Letters.deliveredCompany(peers, kafka);
    }

    @Test
    void aReadReceiptBecomesLetterReadOnce() {
        Letters.Letter letter = delivered();
        Instant readAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        push(letter.transactionId(), "read", readAt, null).statusCode(200).body("result", equalTo("recorded"));
        push(letter.transactionId(), "read", readAt, null).statusCode(200).body("result", equalTo("duplicate"));
        push(letter.transactionId(), "received", readAt, null).statusCode(200);

        LetterRead read = Events.first(kafka, Topics.LETTERS_READ, letter.letterId(), LetterRead.class, Duration.ofSeconds(30));
        assertEquals(readAt, read.readAt());
        assertEquals(letter.transactionId().toString(), read.transactionId());
        assertEquals("BUF", read.department());
        assertEquals(List.of(), Schemas.validate(read));
        // A later event on the same partition (same key) proves nothing more came for the first receipt.
        push(letter.transactionId(), "failed", readAt.plusSeconds(5), "barrier").statusCode(200);
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.DELIVERY_FAILED, Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> r.key().equals(letter.letterId().toString())));
        assertEquals(1, records.stream().filter(r -> r.key().equals(letter.letterId().toString())).count());
        assertEquals(1, Events.await(kafka, Topics.LETTERS_READ, letter.letterId(), LetterRead.class, 2, Duration.ofMillis(500)).size());
    }

    @Test
    void aFailureAfterAcceptanceBecomesAPermanentDeliveryFailure() {
        Letters.Letter letter = delivered();
        push(letter.transactionId(), "failed", Instant.now(), "postkassen er nedlagt (0101901234)").statusCode(200)
                .body("result", equalTo("recorded"));
        push(letter.transactionId(), "failed", Instant.now(), "again").statusCode(200).body("result", equalTo("duplicate"));
        DeliveryFailed failed = Events.first(kafka, Topics.DELIVERY_FAILED, letter.letterId(), DeliveryFailed.class, Duration.ofSeconds(30));
        assertEquals(FailureKind.PERMANENT, failed.kind());
        assertEquals("Digital Post reported the letter failed after accepting it: postkassen er nedlagt (**********)", failed.reason());
    }

    @Test
    void aReadReceiptDuringTheSendIsToldRightAfterTheDelivery() {
        Letters.Letter letter = Letters.company();
        peers.document(letter);
        // The acceptance takes 300 ms: the read receipt arrives while the letter is still SENDING.
        peers.sf1601.register(peers.send(letter.transactionId()).willReturn(Peers.accepted(letter.transactionId()).withFixedDelay(300)));
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !peers.sends(letter.transactionId()).isEmpty());
        push(letter.transactionId(), "read", Instant.now(), null).statusCode(200).body("result", equalTo("recorded"));

        List<ConsumerRecord<String, String>> events = kafka.readUntil(Topics.LETTERS_READ, Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> r.key().equals(letter.letterId().toString())));
        assertTrue(events.stream().anyMatch(r -> r.key().equals(letter.letterId().toString())));
        Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class, Duration.ofSeconds(5));
    }

    @Test
    void onlyServicesMayPushAndOnlyForKnownTransactions() {
        Map<String, Object> body = Map.of("transactionId", UUID.randomUUID().toString(), "status", "read");
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401);
        given().header("Authorization", token("sender")).contentType("application/json").body(body).post(PATH).then().statusCode(403);
        given().header("Authorization", token("service")).contentType("application/json").body(body).post(PATH).then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("unknown-transaction"));
        given().header("Authorization", token("service")).contentType("application/json")
                .body(Map.of("transactionId", UUID.randomUUID().toString(), "status", "opened")).post(PATH).then().statusCode(400);
    }
}
