package dk.brevrute.intake.letter;

import static dk.brevrute.intake.letter.LetterRestTest.letter;
import static dk.brevrute.intake.letter.LetterRestTest.post;
import static dk.brevrute.intake.letter.LetterRestTest.ref;
import static dk.brevrute.intake.letter.LetterRestTest.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Reads of a letter are audited (issue #11): who, what, why and the outcome, a foreign department's
 * attempt as NOT_FOUND; only an auditor may query the audit log.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class LetterReadAuditTest {

    @Test
    void ownAndForeignReadsOfALetterAreAuditedAndOnlyAnAuditorSeesThem() {
        String buf = token("BUF", "sender");
        String id = post(buf, letter(ref())).then().statusCode(201).extract().path("letterId");

        given().auth().oauth2(buf).header("X-Purpose", "svar til borger").get("/api/v1/letters/" + id).then().statusCode(200);
        given().auth().oauth2(token("SOF", "sender")).get("/api/v1/letters/" + id).then().statusCode(404);

        String auditor = token(null, "auditor");
        given().auth().oauth2(auditor).queryParam("kind", "LETTER").queryParam("id", id).get("/api/v1/admin/audit")
                .then().statusCode(200)
                .body("records.findAll { it.department == 'BUF' }.outcome", hasItem("OK"))
                .body("records.findAll { it.department == 'BUF' }.purpose", hasItem("svar til borger"))
                .body("records.findAll { it.department == 'SOF' }.outcome", hasItem("NOT_FOUND"))
                .body("records.findAll { it.department == 'SOF' }.actor", hasItem("sof-system"));
        given().auth().oauth2(buf).get("/api/v1/admin/audit").then().statusCode(403);
        given().get("/api/v1/admin/audit").then().statusCode(401);
        given().auth().oauth2(auditor).queryParam("kind", "LETTER").queryParam("id", id).get("/api/v1/admin/audit")
                .then().body("records.size()", equalTo(2));
    }
}
