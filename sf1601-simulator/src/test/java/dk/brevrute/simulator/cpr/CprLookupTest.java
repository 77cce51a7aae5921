package dk.brevrute.simulator.cpr;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** The fake CPR register: deterministic people, protected addresses, unknown numbers. */
@QuarkusTest
class CprLookupTest {

    static ValidatableResponse lookUp(String cpr) {
        return given().contentType("application/json").body(Map.of("cprNumber", cpr))
                .post("/service/CPRReplikaOpslag_1/person").then();
    }

    @Test
    void anOrdinaryCitizenHasAStableNameAndCopenhagenAddress() {
        String first = lookUp("0101901234").statusCode(200)
                .body("name", notNullValue())
                .body("address.name", notNullValue())
                .body("address.street", matchesPattern("[^,]+ \\d+, (st\\.|\\d\\. (th|tv|mf)\\.)"))
                .body("address.supplement", nullValue())
                .body("address.postcode", matchesPattern("\\d{4}"))
                .body("address.country", equalTo("DK"))
                .body("addressProtected", equalTo(false))
                .extract().asString();
        assertEquals(first, lookUp("0101901234").extract().asString());
        assertNotEquals(first, lookUp("0202851236").extract().asString());
        Map<String, Object> address = lookUp("0101901234").extract().path("address");
        assertEquals(lookUp("0101901234").extract().<String>path("name"), address.get("name"));
    }

    @Test
    void theNinthDigitMarksProtectedAndUnknownPeople() {
        lookUp("0101901294").statusCode(200).body("addressProtected", equalTo(true)).body("address.street", notNullValue());
        lookUp("0101901204").statusCode(404).body("errorCode", equalTo("UNKNOWN_PERSON"));
    }

    @Test
    void configuredEntriesWin() {
        // application.properties (%test): 0101901244 unknown, 0101901254 protected.
        lookUp("0101901244").statusCode(404);
        lookUp("0101901254").statusCode(200).body("addressProtected", equalTo(true));
    }

    @Test
    void malformedNumbersAreRefusedWithoutQuotingThem() {
        String body = lookUp("12345").statusCode(400).body("errorCode", equalTo("INVALID_CPR")).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("12345"));
    }
}
