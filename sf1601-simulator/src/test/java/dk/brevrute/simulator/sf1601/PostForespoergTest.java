package dk.brevrute.simulator.sf1601;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostForespoerg answers from the registry: the last-digit rule, configured and admin entries. */
@QuarkusTest
class PostForespoergTest {

    @BeforeEach
    void reset() {
        given().post("/admin/reset").then().statusCode(204);
    }

    static boolean registered(String cpr) {
        return given().header("Authorization", "Bearer t").queryParam("cprNumber", cpr)
                .get("/service/PostForespoerg_1/digitalpost").then().statusCode(200).extract().path("result");
    }

    @Test
    void theLastDigitDecides() {
        for (int d = 0; d <= 9; d++) {
            boolean expected = d <= 6;
            org.junit.jupiter.api.Assertions.assertEquals(expected, registered("020285123" + d), "last digit " + d);
        }
    }

    @Test
    void configuredAndAdminEntriesWin() {
        // application.properties (%test): 0101901230 is exempt, 0101901237 registered.
        org.junit.jupiter.api.Assertions.assertFalse(registered("0101901230"));
        org.junit.jupiter.api.Assertions.assertTrue(registered("0101901237"));
        given().contentType("application/json").body(Map.of("status", "NOT_REGISTERED", "ids", List.of("0101901231")))
                .post("/admin/recipients").then().statusCode(204);
        org.junit.jupiter.api.Assertions.assertFalse(registered("0101901231"));
        given().post("/admin/reset").then().statusCode(204);
        org.junit.jupiter.api.Assertions.assertTrue(registered("0101901231"));
    }

    @Test
    void malformedNumbersAndMissingTokensAreRefused() {
        given().header("Authorization", "Bearer t").queryParam("cprNumber", "0101-90").get("/service/PostForespoerg_1/digitalpost")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_CPR"));
        given().queryParam("cprNumber", "0101901234").get("/service/PostForespoerg_1/digitalpost").then().statusCode(401);
    }

    @Test
    void anOutageAffectsTheLookUpToo() {
        given().contentType("application/json").body(Map.of("seconds", 600)).post("/admin/outage").then().statusCode(200);
        given().header("Authorization", "Bearer t").queryParam("cprNumber", "0101901234").get("/service/PostForespoerg_1/digitalpost")
                .then().statusCode(503);
    }
}
