package dk.brevrute.routing.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.CitizenKey;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Registry administration: one citizen by CPR in the body; snapshots of 100,000 rows streamed in. */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class RegistryAdminTest {

    static final String ADMIN = BrevruteInfrastructure.tokens().issue("registry-admin-1", null, List.of("registry-admin"));

    @Inject
    RegistrationRepository registrations;

    @Inject
    CitizenKey citizenKey;

    /** Citizen i of a snapshot: date-valid CPR numbers, all distinct. */
    static String cpr(int i) {
        int day = 1 + i % 28;
        int month = 1 + (i / 28) % 12;
        return String.format("%02d%02d%02d%04d", day, month, 40 + (i / 336) % 50, i % 10_000);
    }

    @Test
    void aSnapshotOf100000RowsLoadsAndRejectsBadRowsByLineNumber() {
        StringBuilder csv = new StringBuilder("cpr;status;exempt_until;changed_at\n");
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            String status = i % 50 == 0 ? "EXEMPT" : i % 3 == 0 ? "UNREGISTERED" : "REGISTERED";
            String until = status.equals("EXEMPT") && i % 100 == 0 ? "2030-01-01" : "";
            csv.append(cpr(i)).append(';').append(status).append(';').append(until).append(";2026-01-01T00:00:00Z\n");
        }
        csv.append("31029O1234;REGISTERED;;\n");           // line 100002: not a CPR number
        csv.append(cpr(7)).append(";MAYBE;;\n");         // line 100003: unknown status
        csv.append(cpr(8)).append(";REGISTERED;2030-01-01;\n"); // line 100004: expiry without exemption

        Response r = given().auth().oauth2(ADMIN).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/registry/snapshots");
        r.then().statusCode(200);
        assertEquals(rows + 3, r.<Integer>path("rowsRead"));
        assertEquals(rows, r.<Integer>path("rowsLoaded"));
        assertEquals(3, r.<Integer>path("rowsRejected"));
        assertEquals(List.of(100002, 100003, 100004), r.<List<Integer>>path("rejections.line"));
        assertFalse(r.asString().contains("31029O1234"), "rejections never quote the row");

        String loadId = r.path("loadId");
        given().auth().oauth2(ADMIN).get("/api/v1/registry/snapshots/" + loadId).then().statusCode(200)
                .body("finished", is(true)).body("rowsLoaded", is(rows));
        long stored = QuarkusTransaction.requiringNew().call(() -> registrations.count());
        assertTrue(stored >= rows);
        assertEquals("EXEMPT", QuarkusTransaction.requiringNew().call(
                () -> registrations.byCitizenKey(citizenKey.of(cpr(100))).orElseThrow().status().name()));
    }

    @Test
    void oneCitizenIsReadByCprInTheBodyOnlyByRegistryAdmins() {
        String cpr = cpr(123_456 % 100_000 + 1);
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson")
                .body(("{\"cpr\":\"" + cpr + "\",\"status\":\"EXEMPT\",\"exemptUntil\":\"2031-05-01\",\"changedAt\":\"2026-06-01T00:00:00Z\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/registry/snapshots").then().statusCode(200).body("rowsLoaded", is(1));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("cpr", cpr))
                .post("/api/v1/registry/citizen").then().statusCode(200)
                .body("status", is("EXEMPT")).body("exemptUntil", is("2031-05-01")).body("source", is("registry"));
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("x", "BUF", List.of("sender"))).contentType(ContentType.JSON)
                .body(Map.of("cpr", cpr)).post("/api/v1/registry/citizen").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("cpr", cpr)).post("/api/v1/registry/citizen").then().statusCode(401);
        given().auth().oauth2(ADMIN).get("/api/v1/registry/snapshots/" + UUID.randomUUID()).then().statusCode(404);
    }
}
