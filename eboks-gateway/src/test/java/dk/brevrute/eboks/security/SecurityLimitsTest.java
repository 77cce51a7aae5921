package dk.brevrute.eboks.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.List;

import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The gateway has no read endpoints of its own (letters and deliveries are not served over REST), but
 * it carries the kit's audit trail for auditors and refuses oversized requests.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class SecurityLimitsTest {

    @Test
    void theAuditTrailIsForAuditorsOnly() {
        given().get("/api/v1/admin/audit").then().statusCode(401);
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("sf1601", null, List.of("service")))
                .get("/api/v1/admin/audit").then().statusCode(403);
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("auditor-3", null, List.of("auditor")))
                .get("/api/v1/admin/audit").then().statusCode(200).body("page", equalTo(0));
    }

    @Test
    void aReceiptOverTheBodyLimitIsRefused() {
        byte[] big = new byte[2 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("sf1601", null, List.of("service"))).contentType("application/json")
                .body(big).post("/api/v1/sf1601/post-status").then().statusCode(413);
    }
}
