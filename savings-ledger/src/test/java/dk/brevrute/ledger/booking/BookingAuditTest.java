package dk.brevrute.ledger.booking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A letter's bookings read by finance are audited (who, roles, department, why, outcome); the trail is for auditors. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class BookingAuditTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String FINANCE = BrevruteInfrastructure.tokens().issue("finance-audit", "OKF", List.of("finance"));
    static final String AUDITOR = BrevruteInfrastructure.tokens().issue("auditor-4", null, List.of("auditor"));

    @Inject
    BookingRepository bookings;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aBookingReadIsAuditedAndTheTrailIsForAuditorsOnly() {
        UUID letterId = UUID.randomUUID();
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), DeliveryBookingSmokeTest.delivered(letterId, Channel.DIGITAL));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> bookings.forLetter(letterId)).size() == 1);

        given().auth().oauth2(FINANCE).queryParam("purpose", "month-end check").get("/api/v1/bookings/" + letterId)
                .then().statusCode(200);
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(FINANCE).get("/api/v1/bookings/" + unknown).then().statusCode(404);

        given().auth().oauth2(AUDITOR).queryParam("kind", "LETTER").queryParam("id", letterId.toString()).get("/api/v1/admin/audit")
                .then().statusCode(200)
                .body("records.size()", equalTo(1))
                .body("records[0].actor", equalTo("finance-audit"))
                .body("records[0].roles", equalTo(List.of("finance")))
                .body("records[0].department", equalTo("OKF"))
                .body("records[0].purpose", equalTo("month-end check"))
                .body("records[0].outcome", equalTo("OK"))
                .body("records[0].endpoint", equalTo("GET /api/v1/bookings/" + letterId));
        given().auth().oauth2(AUDITOR).queryParam("id", unknown.toString()).get("/api/v1/admin/audit")
                .then().statusCode(200).body("records[0].outcome", equalTo("NOT_FOUND"));

        given().get("/api/v1/admin/audit").then().statusCode(401);
        given().auth().oauth2(FINANCE).get("/api/v1/admin/audit").then().statusCode(403);
    }
}
