package dk.brevrute.routing.access;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Topics;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Audit of registry reads and the audit endpoint, CPR masking per role, access requests, the
 * append-only audit table and the per-department rate limit, over real HTTP and PostgreSQL.
 */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class PrivacyTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String ADMIN = BrevruteInfrastructure.tokens().issue("registry-admin-7", null, List.of("registry-admin"));
    static final String AUDITOR = BrevruteInfrastructure.tokens().issue("auditor-1", "OKF", List.of("auditor"));

    @Inject
    CitizenKey citizenKey;

    @Inject
    EntityManager em;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static void load(String cpr, String status, String changedAt) {
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson")
                .body(("{\"cpr\":\"" + cpr + "\",\"status\":\"" + status + "\",\"changedAt\":\"" + changedAt + "\"}\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/registry/snapshots").then().statusCode(200).body("rowsLoaded", is(1));
    }

    @Test
    void aRegistryReadIsAuditedWithWhoWhatAndWhyAndTheCprIsMaskedForAuditors() {
        String cpr = "0404801234";
        String key = citizenKey.of(cpr);
        load(cpr, "REGISTERED", "2026-01-01T00:00:00Z");

        given().auth().oauth2(ADMIN).header("X-Purpose", "complaint 2026-17 about 0404801234").contentType(ContentType.JSON)
                .body(Map.of("cpr", cpr)).post("/api/v1/registry/citizen").then().statusCode(200)
                .body("cpr", is("040480-1234")).body("status", is("REGISTERED"));
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(Map.of("cpr", cpr)).queryParam("purpose", "spot check")
                .post("/api/v1/registry/citizen").then().statusCode(200)
                .body("cpr", is("040480-****")).body("status", is("REGISTERED"));

        Response audit = given().auth().oauth2(AUDITOR).queryParam("kind", "CITIZEN").queryParam("id", key)
                .get("/api/v1/admin/audit");
        audit.then().statusCode(200).body("records.size()", is(2)).body("more", is(false));
        // Newest first: the auditor's read, then the admin's.
        assertEquals(List.of("auditor-1", "registry-admin-7"), audit.path("records.actor"));
        assertEquals(List.of("spot check", "complaint 2026-17 about 040480-****"), audit.path("records.purpose"));
        assertEquals(List.of("LOOKUP", "LOOKUP"), audit.path("records.action"));
        assertEquals(List.of("OK", "OK"), audit.path("records.outcome"));
        assertEquals("OKF", audit.path("records[0].department"));
        assertEquals(List.of("auditor"), audit.path("records[0].roles"));
        assertEquals("POST /api/v1/registry/citizen", audit.path("records[1].endpoint"));
        assertFalse(audit.asString().contains("0404801234") || audit.asString().contains("1234\""), "no CPR number in the audit trail");

        // Filters: by actor, and a time window that ends before the reads.
        given().auth().oauth2(AUDITOR).queryParam("actor", "registry-admin-7").queryParam("id", key).get("/api/v1/admin/audit")
                .then().statusCode(200).body("records.size()", is(1));
        given().auth().oauth2(AUDITOR).queryParam("id", key).queryParam("to", "2020-01-01").get("/api/v1/admin/audit")
                .then().statusCode(200).body("records.size()", is(0));
        String today = LocalDate.now(ZoneId.of("Europe/Copenhagen")).toString();
        given().auth().oauth2(AUDITOR).queryParam("id", key).queryParam("from", today).queryParam("to", today).queryParam("size", 1)
                .get("/api/v1/admin/audit").then().statusCode(200).body("records.size()", is(1)).body("more", is(true));
        given().auth().oauth2(AUDITOR).queryParam("from", "yesterday").get("/api/v1/admin/audit").then().statusCode(400);
    }

    @Test
    void theAuditTrailIsForAuditorsOnly() {
        given().get("/api/v1/admin/audit").then().statusCode(401);
        given().auth().oauth2(ADMIN).get("/api/v1/admin/audit").then().statusCode(403);
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("ops", null, List.of("operator"))).get("/api/v1/admin/audit")
                .then().statusCode(403);
        given().auth().oauth2(AUDITOR).get("/api/v1/admin/audit").then().statusCode(200);
    }

    @Test
    void auditRowsCannotBeChangedOrRemoved() {
        load("0505801234", "UNREGISTERED", "2026-01-01T00:00:00Z");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("cpr", "0505801234"))
                .post("/api/v1/registry/citizen").then().statusCode(200);
        long id = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT max(id) FROM audit_record")
                .getSingleResult()).longValue());
        for (String change : List.of("UPDATE audit_record SET actor = 'someone-else' WHERE id = " + id,
                "DELETE FROM audit_record WHERE id = " + id, "TRUNCATE audit_record")) {
            Exception e = assertThrows(Exception.class, () -> QuarkusTransaction.requiringNew().run(() ->
                    em.createNativeQuery(change).executeUpdate()), change);
            assertTrue(causes(e).contains("never changed or removed"), change + ": " + causes(e));
        }
        assertEquals("registry-admin-7", QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("SELECT actor FROM audit_record WHERE id = " + id).getSingleResult()));
    }

    @Test
    void anAccessRequestListsRegistrationHistoryAndLettersAndIsAudited() {
        String cpr = "0606801234";
        String key = citizenKey.of(cpr);
        load(cpr, "REGISTERED", "2026-01-01T00:00:00Z");
        load(cpr, "EXEMPT", "2026-02-01T00:00:00Z");
        LetterSubmitted letter = Samples.submitted(Samples.citizen(cpr), true);
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM routing_decision WHERE letter_id = ?1").setParameter(1, letter.letterId()).getSingleResult()).intValue() == 1));

        given().contentType(ContentType.JSON).body(Map.of("cpr", cpr)).post("/api/v1/admin/access-requests").then().statusCode(401);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("cpr", cpr)).post("/api/v1/admin/access-requests")
                .then().statusCode(403);
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(Map.of("cpr", "12345")).post("/api/v1/admin/access-requests")
                .then().statusCode(422);

        Response r = given().auth().oauth2(AUDITOR).header("X-Purpose", "access request 2026-4").contentType(ContentType.JSON)
                .body(Map.of("cpr", cpr)).post("/api/v1/admin/access-requests");
        r.then().statusCode(200)
                .body("cpr", is("060680-****"))
                .body("citizenKey", is(key))
                .body("registration.status", is("EXEMPT"))
                .body("registrationHistory.status", is(List.of("REGISTERED", "EXEMPT")))
                .body("letters.size()", is(1))
                .body("letters[0].letterId", is(letter.letterId().toString()))
                .body("letters[0].channel", is("PRINT"))
                .body("letters[0].reason", is("FORCED_PAPER"))
                .body("letters[0].decisions.size()", is(1));
        assertFalse(r.asString().contains(cpr), "the answer masks the CPR number");

        Response trail = given().auth().oauth2(AUDITOR).queryParam("kind", "CITIZEN").queryParam("id", key).get("/api/v1/admin/audit");
        assertEquals("ACCESS_REQUEST", trail.path("records[0].action"));
        assertEquals("access request 2026-4", trail.path("records[0].purpose"));
        assertEquals("OK", trail.path("records[0].outcome"));
        assertNotNull(trail.path("records[0].at"));
        // A second request shows the first one among the reads of this citizen's data.
        given().auth().oauth2(AUDITOR).contentType(ContentType.JSON).body(Map.of("cpr", cpr)).post("/api/v1/admin/access-requests")
                .then().statusCode(200).body("accessLog.action", org.hamcrest.Matchers.hasItem("ACCESS_REQUEST"));
    }

    @Test
    void aDepartmentOverItsRateLimitGets429WithRetryAfterAndOthersAreNotAffected() {
        // RATE-TEST may send 3 at once, then one every 50 s (test configuration).
        String limited = BrevruteInfrastructure.tokens().issue("rate-1", "RATE-TEST", List.of("auditor"));
        String sameDepartment = BrevruteInfrastructure.tokens().issue("rate-2", "RATE-TEST", List.of("auditor"));
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(i == 1 ? sameDepartment : limited).get("/api/v1/admin/audit").then().statusCode(200);
        }
        Response refused = given().auth().oauth2(sameDepartment).get("/api/v1/admin/audit");
        refused.then().statusCode(429).contentType("application/problem+json").body("status", is(429));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 50, "Retry-After " + retryAfter);

        // Another department, and service-to-service calls from the limited one, go through.
        given().auth().oauth2(AUDITOR).get("/api/v1/admin/audit").then().statusCode(200);
        String service = BrevruteInfrastructure.tokens().issue("print-center", "RATE-TEST", List.of("service", "auditor"));
        given().auth().oauth2(service).get("/api/v1/admin/audit").then().statusCode(200);
        given().auth().oauth2(limited).get("/api/v1/admin/audit").then().statusCode(429);
    }

    static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
