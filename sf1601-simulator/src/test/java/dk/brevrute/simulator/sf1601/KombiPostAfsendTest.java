package dk.brevrute.simulator.sf1601;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import dk.brevrute.simulator.memo.MemoFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KombiPostAfsend over real HTTP: validation, de-duplication by transaction id, counters, faults. */
@QuarkusTest
class KombiPostAfsendTest {

    static final String CPR = "0101901234"; // last digit 4: registered

    @BeforeEach
    void reset() {
        given().post("/admin/reset").then().statusCode(204);
    }

    static Response post(UUID transactionId, byte[] body) {
        return given().contentType("application/xml").body(body)
                .header("X-TransaktionsId", transactionId.toString())
                .header("X-TransaktionsTid", OffsetDateTime.now().toString())
                .header("Authorization", "Bearer sf1601-test")
                .post("/service/KombiPostAfsend_1/memos");
    }

    @Test
    void aValidMessageIsPlacedInTheMailbox() {
        UUID letter = UUID.randomUUID();
        UUID tx = UUID.randomUUID();
        post(tx, MemoFixtures.kombiBytes(letter, CPR, "CPR")).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("transaktionsId", equalTo(tx.toString()))
                .body("messageUUID", equalTo(letter.toString()));
        given().get("/admin/letters/" + letter).then().statusCode(200)
                .body("postAttempts", equalTo(1)).body("transactions", equalTo(1)).body("mailboxPlacements", equalTo(1));
        given().get("/admin/mailbox").then().body("", hasSize(1)).body("[0].recipientIdType", equalTo("CPR"))
                .body("[0].pages", equalTo(1));
    }

    @Test
    void theSameTransactionTwiceIsOnePlacementAndGetsTheSameAnswer() {
        UUID letter = UUID.randomUUID();
        UUID tx = UUID.randomUUID();
        byte[] body = MemoFixtures.kombiBytes(letter, CPR, "CPR");
        post(tx, body).then().statusCode(200);
        post(tx, body).then().statusCode(200).header("X-Duplicate-Transaction", "true").body("status", equalTo("ACCEPTED"));
        given().get("/admin/letters/" + letter).then()
                .body("postAttempts", equalTo(2)).body("transactions", equalTo(1)).body("mailboxPlacements", equalTo(1));
        given().get("/admin/duplicates").then().body("", hasSize(0));
        given().get("/admin/counters").then().body("duplicateTransactions", equalTo(1)).body("mailboxPlacements", equalTo(1));
    }

    @Test
    void theSameLetterUnderTwoTransactionIdsIsPlacedTwice() {
        UUID letter = UUID.randomUUID();
        byte[] body = MemoFixtures.kombiBytes(letter, CPR, "CPR");
        post(UUID.randomUUID(), body).then().statusCode(200);
        post(UUID.randomUUID(), body).then().statusCode(200);
        given().get("/admin/letters/" + letter).then()
                .body("postAttempts", equalTo(2)).body("transactions", equalTo(2)).body("mailboxPlacements", equalTo(2));
        given().get("/admin/duplicates").then().body("", hasSize(1)).body("[0].messageUuid", equalTo(letter.toString()));
        given().get("/admin/counters").then().body("lettersPlacedMoreThanOnce", equalTo(1));
    }

    @Test
    void aTransactionIdReusedForAnotherLetterIsAConflict() {
        UUID tx = UUID.randomUUID();
        post(tx, MemoFixtures.kombiBytes(UUID.randomUUID(), CPR, "CPR")).then().statusCode(200);
        post(tx, MemoFixtures.kombiBytes(UUID.randomUUID(), CPR, "CPR")).then().statusCode(409)
                .body("errorCode", equalTo("TRANSACTION_CONFLICT"));
    }

    @Test
    void anInvalidMessageIsAnswered400WithTheReason() {
        UUID letter = UUID.randomUUID();
        byte[] body = new String(MemoFixtures.kombiBytes(letter, CPR, "CPR")).replace("<memo:language>da</memo:language>", "")
                .getBytes();
        post(UUID.randomUUID(), body).then().statusCode(400)
                .body("errorCode", equalTo("INVALID_MEMO"))
                .body("errorText", equalTo("memo:MainDocument/File lacks memo:language"));
        given().get("/admin/letters/" + letter).then().body("postAttempts", equalTo(1)).body("mailboxPlacements", equalTo(0));
        given().get("/admin/counters").then().body("invalid", equalTo(1));
    }

    @Test
    void headersAndTokenAreRequired() {
        byte[] body = MemoFixtures.kombiBytes(UUID.randomUUID(), CPR, "CPR");
        given().contentType("application/xml").body(body).header("X-TransaktionsTid", OffsetDateTime.now().toString())
                .header("Authorization", "Bearer t").post("/service/KombiPostAfsend_1/memos")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_TRANSACTION_ID"));
        given().contentType("application/xml").body(body).header("X-TransaktionsId", UUID.randomUUID().toString())
                .header("Authorization", "Bearer t").post("/service/KombiPostAfsend_1/memos")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_TRANSACTION_TIME"));
        given().contentType("application/xml").body(body).header("X-TransaktionsId", UUID.randomUUID().toString())
                .header("X-TransaktionsTid", OffsetDateTime.now().toString()).post("/service/KombiPostAfsend_1/memos")
                .then().statusCode(401);
    }

    @Test
    void recipientsWithoutDigitalPostAreRefusedForGood() {
        post(UUID.randomUUID(), MemoFixtures.kombiBytes(UUID.randomUUID(), "0202851237", "CPR")).then().statusCode(400)
                .body("errorCode", equalTo("RECIPIENT_NOT_REGISTERED"));
        post(UUID.randomUUID(), MemoFixtures.kombiBytes(UUID.randomUUID(), "0202851239", "CPR")).then().statusCode(400)
                .body("errorCode", equalTo("RECIPIENT_EXEMPT"));
        given().contentType("application/json").body(Map.of("status", "UNKNOWN", "ids", java.util.List.of("29189846")))
                .post("/admin/recipients").then().statusCode(204);
        UUID tx = UUID.randomUUID();
        byte[] body = MemoFixtures.kombiBytes(UUID.randomUUID(), "29189846", "CVR");
        post(tx, body).then().statusCode(400).body("errorCode", equalTo("UNKNOWN_RECIPIENT"));
        // The transaction is remembered with its answer.
        post(tx, body).then().statusCode(400).header("X-Duplicate-Transaction", "true");
        given().get("/admin/counters").then().body("refusedRecipients", equalTo(3)).body("mailboxPlacements", equalTo(0));
    }

    @Test
    void transientErrorsThrottlingAndOutagesAreInjected() {
        byte[] body = MemoFixtures.kombiBytes(UUID.randomUUID(), CPR, "CPR");
        given().contentType("application/json").body(Map.of("errorRate", 1.0)).put("/admin/faults").then().statusCode(200)
                .body("errorRate", equalTo(1.0f));
        post(UUID.randomUUID(), body).then().statusCode(503).body("errorCode", equalTo("SERVICE_UNAVAILABLE"));

        given().contentType("application/json").body(Map.of("errorRate", 0.0, "throttleRate", 1.0, "retryAfterSeconds", 7))
                .put("/admin/faults").then().statusCode(200);
        post(UUID.randomUUID(), body).then().statusCode(429).header("Retry-After", "7");

        given().contentType("application/json").body(Map.of("throttleRate", 0.0)).put("/admin/faults").then().statusCode(200);
        given().contentType("application/json").body(Map.of("seconds", 600)).post("/admin/outage").then().statusCode(200)
                .body("outageUntil", startsWith("20"));
        post(UUID.randomUUID(), body).then().statusCode(503);
        given().delete("/admin/outage").then().statusCode(200);
        post(UUID.randomUUID(), body).then().statusCode(200);
        given().get("/admin/counters").then().body("faults.ERROR", equalTo(1)).body("faults.THROTTLE", equalTo(1))
                .body("faults.OUTAGE", equalTo(1)).body("postAttempts", equalTo(4)).body("mailboxPlacements", equalTo(1));

        given().contentType("application/json").body(Map.of("errorRate", 2.0)).put("/admin/faults").then().statusCode(400);
    }

    @Test
    void aTimedOutRequestIsAnsweredLateButTheLetterIsPlaced() {
        given().contentType("application/json").body(Map.of("timeoutRate", 1.0, "timeoutMillis", 400)).put("/admin/faults")
                .then().statusCode(200);
        UUID letter = UUID.randomUUID();
        long start = System.nanoTime();
        post(UUID.randomUUID(), MemoFixtures.kombiBytes(letter, CPR, "CPR")).then().statusCode(200);
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 400, "the answer came too early");
        given().get("/admin/letters/" + letter).then().body("mailboxPlacements", equalTo(1));
    }

    @Test
    void latencyIsApplied() {
        given().contentType("application/json").body(Map.of("latencyMillis", 150, "latencyJitterMillis", 0)).put("/admin/faults")
                .then().statusCode(200);
        long start = System.nanoTime();
        post(UUID.randomUUID(), MemoFixtures.kombiBytes(UUID.randomUUID(), CPR, "CPR")).then().statusCode(200);
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 150);
        assertEquals(150, given().get("/admin/faults").then().extract().<Integer>path("latencyMillis"));
    }
}
