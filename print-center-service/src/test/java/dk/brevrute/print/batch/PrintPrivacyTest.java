package dk.brevrute.print.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.Peers;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reads of letters and downloads of print files are audited; an auditor's access request lists the
 * letters addressed to a citizen with the CPR number masked; retention removes names, streets and
 * print files of finished letters and batches but keeps the record of what was sent; request size limit.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class PrintPrivacyTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String CPR = "0707801234";
    static final String OPERATOR = Fixtures.operatorToken("printcenter-privacy");
    static final String AUDITOR = BrevruteInfrastructure.tokens().issue("auditor-2", null, List.of("auditor"));

    @Inject
    TestPrint print;
    @Inject
    PrintRetention retention;
    @Inject
    EntityManager em;

    @AfterAll
    static void close() {
        kafka.close();
    }

    private void move(UUID batchId, String state) {
        given().auth().oauth2(OPERATOR).contentType("application/json").body(Map.of("state", state))
                .post("/api/v1/batches/" + batchId + "/transitions").then().statusCode(200);
    }

    private void sql(String update) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(update).executeUpdate());
    }

    private Response accessRequest() {
        return given().auth().oauth2(AUDITOR).header("X-Purpose", "access request 2026-9").contentType("application/json")
                .body(Map.of("cpr", "070780-1234")).post("/api/v1/admin/access-requests");
    }

    @Test
    void readsAreAuditedAccessRequestsListTheLettersAndRetentionKeepsOnlyTheRecord() throws Exception {
        Fixtures.publishBaseTariff(kafka);
        print.closeOpenBatches();
        Peers.person(CPR, """
                {"name":"Sofie Holm","address":{"name":"Sofie Holm","street":"Ryesgade 30","supplement":"3. th",
                 "postcode":"2200","city":"København N","country":"DK"},"addressProtected":false}""");
        LetterSubmitted letter = Fixtures.letter(Fixtures.citizen(CPR), PostageClass.B, Fixtures.plainPdf(1), 1);
        Fixtures.routeToPrint(kafka, letter);
        UUID batchId = print.awaitLetter(letter.letterId(), PrintLetter.Status.BATCHED).batchId;
        print.close(batchId);
        print.awaitRendered(batchId);

        // An operator reads the letter (with a purpose) and downloads the print file: both audited.
        String view = given().auth().oauth2(OPERATOR).header("X-Purpose", "customer called").get("/api/v1/letters/" + letter.letterId())
                .then().statusCode(200).extract().asString();
        assertFalse(view.contains(CPR) || view.contains("Ryesgade"), "an operator's letter view holds no CPR number or street");
        given().auth().oauth2(OPERATOR).get("/api/v1/letters/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(OPERATOR).get("/api/v1/batches/" + batchId + "/print-file").then().statusCode(200);

        given().auth().oauth2(AUDITOR).queryParam("kind", "LETTER").queryParam("id", letter.letterId().toString())
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("records.size()", equalTo(1))
                .body("records[0].actor", equalTo("printcenter-privacy"))
                .body("records[0].roles", equalTo(List.of("operator")))
                .body("records[0].purpose", equalTo("customer called"))
                .body("records[0].action", equalTo("READ"))
                .body("records[0].outcome", equalTo("OK"));
        given().auth().oauth2(AUDITOR).queryParam("actor", "printcenter-privacy").queryParam("kind", "LETTER")
                .get("/api/v1/admin/audit").then().statusCode(200).body("records.outcome", hasItem("NOT_FOUND"));
        given().auth().oauth2(AUDITOR).queryParam("kind", "PRINT_BATCH").queryParam("id", batchId.toString())
                .get("/api/v1/admin/audit").then().statusCode(200)
                .body("records[0].action", equalTo("DOWNLOAD")).body("records[0].endpoint", equalTo("GET /api/v1/batches/" + batchId + "/print-file"));
        given().auth().oauth2(OPERATOR).get("/api/v1/admin/audit").then().statusCode(403);
        given().get("/api/v1/admin/audit").then().statusCode(401);

        // The access request: only auditors; the letter with its address, the number masked, and who read it.
        given().auth().oauth2(OPERATOR).contentType("application/json").body(Map.of("cpr", CPR)).post("/api/v1/admin/access-requests")
                .then().statusCode(403);
        Response answer = accessRequest();
        answer.then().statusCode(200)
                .body("cpr", equalTo("070780-****"))
                .body("citizenKeyConfigured", equalTo(true))
                .body("letters.size()", equalTo(1))
                .body("letters[0].letterId", equalTo(letter.letterId().toString()))
                .body("letters[0].status", equalTo("IN_PRINT"))
                .body("letters[0].address.street", equalTo("Ryesgade 30"))
                .body("accessLog.action", hasItem("READ"))
                .body("accessLog.action", hasItem("DOWNLOAD"));
        assertFalse(answer.asString().contains(CPR), "the CPR number is masked for auditors");

        // Hand-over: the letter is delivered; a letter still in an open batch is in flight.
        for (String s : List.of("PRINTED", "ENVELOPED", "FRANKED", "HANDED_OVER")) {
            move(batchId, s);
        }
        assertEquals(PrintLetter.Status.DELIVERED, print.letter(letter.letterId()).status);
        LetterSubmitted waiting = Fixtures.letter(Fixtures.citizen(CPR), PostageClass.B, Fixtures.plainPdf(1), 1);
        Fixtures.routeToPrint(kafka, waiting);
        print.awaitLetter(waiting.letterId(), PrintLetter.Status.BATCHED);

        // Retention: nothing is due yet.
        retention.run(Instant.now());
        assertNull(print.letter(letter.letterId()).addressRemovedAt);
        // 91 days after delivery and 31 after hand-over (the configured P90D and P30D): due.
        sql("UPDATE print_letter SET updated_at = now() - interval '91 days' WHERE letter_id IN ('" + letter.letterId() + "', '"
                + waiting.letterId() + "')");
        sql("UPDATE print_batch SET handed_over_at = now() - interval '31 days' WHERE id = '" + batchId + "'");
        Path pdf = Path.of(print.batch(batchId).pdfFile);
        assertTrue(Files.exists(pdf));
        PrintRetention.Result result = retention.run(Instant.now());
        assertTrue(result.letters() >= 1 && result.batches() >= 1, result.toString());

        PrintLetter kept = print.letter(letter.letterId());
        assertNotNull(kept.addressRemovedAt);
        assertNull(kept.addrName);
        assertNull(kept.addrStreet);
        assertNull(kept.addrSupplement);
        assertNull(kept.addressKey);
        assertNull(kept.recipientCpr);
        assertEquals("2200", kept.addrPostcode, "postcode, city and country stay (postage zone, statistics)");
        assertEquals(PrintLetter.Status.DELIVERED, kept.status);
        assertNotNull(kept.postage, "what it cost stays");
        assertNotNull(kept.citizenKey, "the citizen key stays: an access request still finds the letter");
        assertFalse(Files.exists(pdf), "the print file is deleted");
        assertNotNull(print.batch(batchId).filesRemovedAt);
        given().auth().oauth2(OPERATOR).get("/api/v1/batches/" + batchId + "/print-file").then().statusCode(410);
        given().auth().oauth2(OPERATOR).get("/api/v1/batches/" + batchId + "/manifest.csv").then().statusCode(410);

        PrintLetter inFlight = print.letter(waiting.letterId());
        assertNull(inFlight.addressRemovedAt, "a letter in an open batch keeps its address");
        assertEquals("Ryesgade 30", inFlight.addrStreet);

        Response after = accessRequest();
        after.then().statusCode(200).body("letters.size()", equalTo(2));
        List<Map<String, Object>> letters = after.path("letters");
        Map<String, Object> delivered = letters.stream().filter(l -> l.get("letterId").equals(letter.letterId().toString())).findFirst().orElseThrow();
        assertEquals("DELIVERED", delivered.get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) delivered.get("address");
        assertNull(address.get("street"));
        assertEquals("2200", address.get("postcode"));
        assertNotNull(delivered.get("addressRemovedAt"));
        given().auth().oauth2(AUDITOR).queryParam("kind", "CITIZEN").queryParam("action", "ACCESS_REQUEST").get("/api/v1/admin/audit")
                .then().statusCode(200).body("records[0].action", equalTo("ACCESS_REQUEST"))
                .body("records[0].purpose", equalTo("access request 2026-9"));
    }

    @Test
    void aRequestBodyOverTheLimitIsRefused() {
        byte[] big = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        given().auth().oauth2(OPERATOR).contentType("application/json").body(big)
                .post("/api/v1/batches/" + UUID.randomUUID() + "/transitions").then().statusCode(413);
    }
}
