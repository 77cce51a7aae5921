package dk.brevrute.intake.unit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The unit admin's API: units of the admin's own department only; the password is shown once and
 * stored as a PBKDF2 hash; rotating it retires the old one; deactivating a unit closes its queue; the
 * rollout view counts live units and letters sent per unit.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class UnitAdminTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    UnitRepository units;

    static String id() {
        return "unit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createShowsThePasswordOnceAndStoresOnlyAHash() {
        String admin = PrinterTestSupport.admin("TMF");
        String id = id();
        var created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Borgerservice Nord", "costCentre", "TMF-100")).post("/api/v1/units")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/units/" + id))
                .body("username", equalTo(id)).body("queueUrl", startsWith("ipp://")).body("queueUrl", org.hamcrest.Matchers.endsWith("/ipp/print/" + id))
                .extract();
        String password = created.path("password");
        assertTrue(password.length() >= 20);
        String hash = QuarkusTransaction.requiringNew().call(() -> units.findById(id).passwordHash);
        assertTrue(hash.startsWith("pbkdf2-sha512$10000$"), "a PBKDF2 hash with the configured iterations (fewer in the tests)");
        assertFalse(hash.contains(password));
        assertTrue(PasswordHash.verify(password, hash));

        given().auth().oauth2(admin).get("/api/v1/units").then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.password", nullValue()).body("find { it.id == '" + id + "' }.active", equalTo(true));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", id, "name", "Again")).post("/api/v1/units")
                .then().statusCode(409);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", "Not Valid!", "name", "X")).post("/api/v1/units")
                .then().statusCode(422);
    }

    @Test
    void anotherDepartmentsUnitsDoNotExistForTheAdmin() {
        TestUnit unit = PrinterTestSupport.unit("BUF", "admin");
        String sof = PrinterTestSupport.admin("SOF");
        given().auth().oauth2(sof).get("/api/v1/units").then().statusCode(200).body("id", not(hasItem(unit.id())));
        given().auth().oauth2(sof).get("/api/v1/units/" + unit.id()).then().statusCode(404);
        given().auth().oauth2(sof).post("/api/v1/units/" + unit.id() + "/password").then().statusCode(404);
        given().auth().oauth2(sof).post("/api/v1/units/" + unit.id() + "/deactivate").then().statusCode(404);
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"))).get("/api/v1/units")
                .then().statusCode(403);
        given().get("/api/v1/units").then().statusCode(401);
    }

    @Test
    void rotatingThePasswordRetiresTheOldOne() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "rotate");
        assertEquals(200, PrinterTestSupport.print(root.toURI(), unit, SamplePdfs.letter(1), "before.pdf").httpStatus());
        String fresh = given().auth().oauth2(PrinterTestSupport.admin("BUF")).post("/api/v1/units/" + unit.id() + "/password")
                .then().statusCode(200).extract().path("password");
        assertEquals(401, PrinterTestSupport.print(root.toURI(), unit, SamplePdfs.letter(1), "old.pdf").httpStatus());
        TestUnit rotated = new TestUnit(unit.id(), unit.department(), fresh);
        assertEquals(9, PrinterTestSupport.print(root.toURI(), rotated, SamplePdfs.letter(1), "new.pdf").jobState());
    }

    @Test
    void theRolloutViewCountsLiveUnitsAndLettersPerUnit() throws Exception {
        String admin = PrinterTestSupport.admin("KFF");
        TestUnit live = PrinterTestSupport.unit("KFF", "live");
        TestUnit idle = PrinterTestSupport.unit("KFF", "idle");
        TestUnit closed = PrinterTestSupport.unit("KFF", "closed");
        for (int i = 0; i < 2; i++) {
            assertEquals(9, PrinterTestSupport.print(root.toURI(), live, SamplePdfs.letter(1), "brev-" + i + ".pdf").jobState());
        }
        assertEquals(9, PrinterTestSupport.print(root.toURI(), closed, SamplePdfs.letter(1), "brev.pdf").jobState());
        given().auth().oauth2(admin).post("/api/v1/units/" + closed.id() + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));

        var rollout = given().auth().oauth2(admin).get("/api/v1/units/rollout").then().statusCode(200)
                .body("department", equalTo("KFF"))
                .body("perUnit.find { it.id == '" + live.id() + "' }.lettersSent", equalTo(2))
                .body("perUnit.find { it.id == '" + idle.id() + "' }.lettersSent", equalTo(0))
                .body("perUnit.find { it.id == '" + closed.id() + "' }.lettersSent", equalTo(1))
                .extract();
        int units = rollout.path("units");
        int active = rollout.path("active");
        int liveUnits = rollout.path("live");
        int letters = rollout.path("lettersSent");
        assertTrue(units >= 3 && active == units - 1 && liveUnits >= 1 && liveUnits < active, "units " + units + ", active " + active
                + ", live " + liveUnits);
        assertTrue(letters >= 3);
    }
}
