package dk.brevrute.intake.document;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dk.brevrute.events.DocumentBatch;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The delivering services fetch many documents in one call: each only for its own department, in the
 * order asked, within the answer's byte limit (the test profile's 5,000 bytes), each audited.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class DocumentBatchFetchTest {

    static final String BUF = BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"));
    static final String SERVICE = BrevruteInfrastructure.tokens().issue("eboks-gateway", null, List.of("service"));
    static final String AUDITOR = BrevruteInfrastructure.tokens().issue("auditor", null, List.of("auditor"));

    static String upload(byte[] pdf) {
        return given().auth().oauth2(BUF).contentType("application/pdf").body(pdf).post("/api/v1/documents")
                .then().statusCode(201).extract().path("documentId");
    }

    static Response fetch(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(DocumentBatch.PATH);
    }

    static Map<String, Object> wanted(String id, String department) {
        return Map.of("documentId", id, "department", department);
    }

    @Test
    void documentsComeInTheOrderAskedEachOnlyToItsDepartmentAndWithinTheLimit() {
        byte[] a = SamplePdfs.letter(1, List.of("Anna Jensen", "Vestergade 2", "8000 Aarhus C"), "Batch " + UUID.randomUUID());
        byte[] b = SamplePdfs.letter(2, List.of("Bo Olsen", "Østergade 3", "5000 Odense C"), "Batch " + UUID.randomUUID());
        byte[] large = SamplePdfs.letter(50, List.of("Carl Berg", "Søndergade 4", "9000 Aalborg"), "Batch " + UUID.randomUUID());
        assertTrue(a.length + b.length < 5_000 && a.length + b.length + large.length > 5_000,
                "the sample sizes this test relies on: " + a.length + ", " + b.length + ", " + large.length);
        String idA = upload(a);
        String idB = upload(b);
        String idLarge = upload(large);
        String unknown = UUID.randomUUID().toString();

        JsonPath answer = fetch(SERVICE, Map.of("documents", List.of(wanted(idA, "BUF"), wanted(idLarge, "BUF"), wanted(idB, "BUF"),
                wanted(idA, "SOF"), wanted(unknown, "BUF"), wanted(idA, "BUF"))))
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        List<Map<String, Object>> items = answer.getList("documents");
        assertEquals(6, items.size());
        assertEquals(List.of(idA, idLarge, idB, idA, unknown, idA), items.stream().map(i -> i.get("documentId")).toList());
        assertEquals(List.of("OK", "FETCH_SINGLY", "OK", "NOT_FOUND", "NOT_FOUND", "OK"), items.stream().map(i -> i.get("status")).toList());
        assertArrayEquals(a, Base64.getDecoder().decode((String) items.get(0).get("content")));
        assertEquals(DocumentStore.sha256(a), items.get(0).get("sha256"));
        assertArrayEquals(b, Base64.getDecoder().decode((String) items.get(2).get("content")));
        assertEquals(DocumentStore.sha256(b), items.get(2).get("sha256"));
        assertArrayEquals(a, Base64.getDecoder().decode((String) items.get(5).get("content")));
        for (int i : new int[] {1, 3, 4}) {
            assertNull(items.get(i).get("content"), "no bytes in item " + i);
        }

        // The one left out is there to fetch alone.
        byte[] single = given().auth().oauth2(SERVICE).queryParam("department", "BUF").get("/internal/v1/documents/" + idLarge)
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(large, single);

        // Audited: a record for each document handed out or not found, none for the one not handed out in the batch.
        audited(idA, "OK");
        audited(idB, "OK");
        audited(unknown, "NOT_FOUND");
        given().auth().oauth2(AUDITOR).queryParam("kind", "DOCUMENT").queryParam("id", idLarge).get("/api/v1/admin/audit")
                .then().statusCode(200).body("records.size()", equalTo(1)).body("records[0].endpoint", equalTo("GET /internal/v1/documents/" + idLarge));
    }

    private static void audited(String id, String outcome) {
        given().auth().oauth2(AUDITOR).queryParam("kind", "DOCUMENT").queryParam("id", id).get("/api/v1/admin/audit")
                .then().statusCode(200)
                .body("records.size()", equalTo(1))
                .body("records[0].outcome", equalTo(outcome))
                .body("records[0].actor", equalTo("eboks-gateway"))
                .body("records[0].endpoint", equalTo("POST " + DocumentBatch.PATH));
    }

    @Test
    void aBadRequestIsRefusedWithItsReasonAndOnlyServicesMayAsk() {
        String id = UUID.randomUUID().toString();
        fetch(SERVICE, Map.of("documents", List.of())).then().statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("type", org.hamcrest.Matchers.endsWith("documents-required"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        IntStream.rangeClosed(0, DocumentBatch.MAX_DOCUMENTS).forEach(i -> tooMany.add(wanted(UUID.randomUUID().toString(), "BUF")));
        fetch(SERVICE, Map.of("documents", tooMany)).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("too-many-documents"))
                .body("detail", org.hamcrest.Matchers.containsString("not " + (DocumentBatch.MAX_DOCUMENTS + 1)));
        fetch(SERVICE, Map.of("documents", List.of(wanted(id, "BUF"), Map.of("documentId", id)))).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("document-reference-invalid"))
                .body("detail", org.hamcrest.Matchers.containsString("documents[1]"));
        fetch(BUF, Map.of("documents", List.of(wanted(id, "BUF")))).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("documents", List.of(wanted(id, "BUF")))).post(DocumentBatch.PATH)
                .then().statusCode(401);
    }
}
