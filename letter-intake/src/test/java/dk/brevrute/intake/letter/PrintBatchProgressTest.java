package dk.brevrute.intake.letter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The print centre's batch states reach the timelines of the batch's letters (whose rows one statement
 * locks), and a closed batch's letters can no longer be cancelled.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class PrintBatchProgressTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String BUF_TOKEN = BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"));

    @AfterAll
    static void close() {
        kafka.close();
    }

    static UUID submit() {
        Map<String, Object> body = Map.of("senderReference", "batch-" + UUID.randomUUID(),
                "recipient", Map.of("address", Map.of("name", "Jens Hansen", "street", "Vestergade 1", "postcode", "8000", "city", "Aarhus C")),
                "subject", "Afgørelse", "postageClass", "B",
                "document", Map.of("filename", "a.pdf", "contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.letter(1))));
        return UUID.fromString(given().auth().oauth2(BUF_TOKEN).contentType(ContentType.JSON).body(body).post("/api/v1/letters")
                .then().statusCode(201).extract().path("letterId"));
    }

    static PrintBatchStateChanged batch(UUID batchId, PrintBatchStateChanged.State state, PrintBatchStateChanged.State previous,
            List<UUID> letterIds) {
        return new PrintBatchStateChanged(UUID.randomUUID(), Instant.now(), batchId, state, previous, PostageClass.B, "C5",
                letterIds.size(), letterIds.size(), letterIds.size(), new BigDecimal("24.00"), null, letterIds);
    }

    static long entries(UUID letterId, String kind) {
        return given().auth().oauth2(BUF_TOKEN).get("/api/v1/letters/" + letterId).then().statusCode(200).extract()
                .<List<String>>path("timeline.kind").stream().filter(kind::equals).count();
    }

    @Test
    void aBatchStateReachesEveryLetterOfTheBatchAndAClosedBatchStopsCancellation() {
        UUID first = submit();
        UUID second = submit();
        UUID unknown = UUID.randomUUID();
        UUID batchId = UUID.randomUUID();
        List<UUID> letters = List.of(second, unknown, first);

        kafka.send(Topics.PRINT_BATCH_STATE_CHANGED, batchId.toString(), batch(batchId, PrintBatchStateChanged.State.OPEN, null, letters));
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(first, "PRINT_OPEN") == 1 && entries(second, "PRINT_OPEN") == 1);
        kafka.send(Topics.PRINT_BATCH_STATE_CHANGED, batchId.toString(), batch(batchId, PrintBatchStateChanged.State.CLOSED,
                PrintBatchStateChanged.State.OPEN, letters));
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(first, "PRINT_CLOSED") == 1 && entries(second, "PRINT_CLOSED") == 1);

        for (UUID letter : List.of(first, second)) {
            given().auth().oauth2(BUF_TOKEN).delete("/api/v1/letters/" + letter).then().statusCode(409)
                    .body("type", endsWith("not-cancellable"));
            given().auth().oauth2(BUF_TOKEN).get("/api/v1/letters/" + letter).then().statusCode(200)
                    .body("status", equalTo("SUBMITTED"));
        }
    }
}
