package dk.brevrute.intake.review;

import static dk.brevrute.intake.extraction.TestLetters.letter;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.JobResult;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The review queue over its API: a printed letter with two CPR numbers waits (pending-held), shows
 * its page 1 and text, is refused an invalid recipient without leaving the queue, and is released to
 * a letter or discarded; another unit's caseworker cannot see it; waiting too long is flagged to the
 * unit admin and in the gauges.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class ReviewQueueTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final byte[] TWO_CPRS = letter().window("Jens Hansen", "Nørregade 1", "1165 København K")
            .body("CPR-nr.: 010190-1234", "Personnummer: 020285-5678", "Vedr.: Afgørelse om tilskud").pdf();

    @TestHTTPResource("/")
    URL root;

    @AfterAll
    static void close() {
        kafka.close();
    }

    JobResult held(TestUnit unit) throws Exception {
        JobResult job = PrinterTestSupport.print(root.toURI(), unit, TWO_CPRS, "Microsoft Word - tilskud.docx");
        assertEquals(200, job.httpStatus());
        assertEquals(4, job.jobState(), "pending-held");
        assertEquals("job-held-for-review", job.stateReasons());
        return job;
    }

    @Test
    void aHeldLetterIsShownReleasedAndBecomesALetter() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "review");
        JobResult job = held(unit);
        String caseworker = PrinterTestSupport.caseworker("BUF", unit.id());

        given().auth().oauth2(caseworker).get("/api/v1/review").then().statusCode(200)
                .body("jobId", hasItem(job.jobId())).body("find { it.jobId == " + job.jobId() + " }.reason", equalTo("SEVERAL_CPR"))
                .body("find { it.jobId == " + job.jobId() + " }.subject", equalTo("Afgørelse om tilskud"));
        given().auth().oauth2(caseworker).get("/api/v1/review/" + job.jobId()).then().statusCode(200)
                .body("pageText", containsString("Personnummer")).body("windowLines", hasItem("Jens Hansen"))
                .body("suggestedAddress.postcode", equalTo("1165"));
        byte[] png = given().auth().oauth2(caseworker).get("/api/v1/review/" + job.jobId() + "/preview.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        var image = ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertTrue(image.getWidth() > 700 && image.getWidth() < 1300, "page 1 at a bounded resolution: " + image.getWidth() + " px");

        // An invalid CPR number is refused and the letter keeps waiting.
        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body(Map.of("cpr", "310290-1234"))
                .post("/api/v1/review/" + job.jobId() + "/release").then().statusCode(422)
                .body("violations.code", hasItem("CPR_INVALID")).body(not(containsString("310290")));
        assertEquals(4, PrinterTestSupport.job(root.toURI(), unit, job.jobId()).jobState());

        String letterId = given().auth().oauth2(caseworker).contentType(ContentType.JSON).body(Map.of("cpr", "010190-1234"))
                .post("/api/v1/review/" + job.jobId() + "/release").then().statusCode(200).body("state", equalTo("COMPLETED"))
                .extract().path("letterId");
        JobResult completed = PrinterTestSupport.job(root.toURI(), unit, job.jobId());
        assertEquals(9, completed.jobState(), "completed");
        assertEquals(letterId, completed.letterId());
        LetterSubmitted submitted = submitted(UUID.fromString(letterId));
        assertEquals(Recipient.RecipientType.CPR, submitted.recipient().type());
        assertEquals("Afgørelse om tilskud", submitted.subject());
        assertEquals("print/" + unit.id() + "/" + job.jobId(), submitted.senderReference());

        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body(Map.of("cpr", "010190-1234"))
                .post("/api/v1/review/" + job.jobId() + "/release").then().statusCode(409);
        given().auth().oauth2(caseworker).get("/api/v1/review").then().statusCode(200).body("jobId", not(hasItem(job.jobId())));
    }

    @Test
    void anAddressOnlyReleaseAndADiscard() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "review");
        String caseworker = PrinterTestSupport.caseworker("BUF", unit.id());
        JobResult first = held(unit);
        given().auth().oauth2(caseworker).contentType(ContentType.JSON)
                .body(Map.of("address", Map.of("name", "Jens Hansen", "street", "Nørregade 1", "postcode", "1165", "city", "København K")))
                .post("/api/v1/review/" + first.jobId() + "/release").then().statusCode(200).body("state", equalTo("COMPLETED"));

        JobResult second = held(unit);
        given().auth().oauth2(caseworker).contentType(ContentType.JSON).body(Map.of("reason", "forkert brev"))
                .post("/api/v1/review/" + second.jobId() + "/discard").then().statusCode(204);
        JobResult discarded = PrinterTestSupport.job(root.toURI(), unit, second.jobId());
        assertEquals(7, discarded.jobState(), "canceled");
        assertEquals("job-canceled-by-operator", discarded.stateReasons());
    }

    @Test
    void anotherUnitsCaseworkerSeesNothing() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "review");
        TestUnit other = PrinterTestSupport.unit("BUF", "other");
        JobResult job = held(unit);
        String stranger = PrinterTestSupport.caseworker("BUF", other.id());
        given().auth().oauth2(stranger).get("/api/v1/review").then().statusCode(200).body("jobId", not(hasItem(job.jobId())));
        given().auth().oauth2(stranger).get("/api/v1/review/" + job.jobId()).then().statusCode(404);
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("cpr", "010190-1234"))
                .post("/api/v1/review/" + job.jobId() + "/release").then().statusCode(404);
        // A unit claim for another department's unit, and a token without the caseworker role.
        given().auth().oauth2(PrinterTestSupport.caseworker("SOF", unit.id())).get("/api/v1/review").then().statusCode(403);
        given().auth().oauth2(PrinterTestSupport.admin("BUF")).get("/api/v1/review").then().statusCode(403);
        given().get("/api/v1/review").then().statusCode(401);
    }

    @Test
    void aLetterWaitingTooLongIsFlaggedToTheUnitAdminAndInTheGauges() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("BUF", "overdue");
        held(unit);
        String admin = PrinterTestSupport.admin("BUF");
        // intake.review.overdue-after is one second in the tests.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().auth().oauth2(admin).get("/api/v1/units/" + unit.id()).then().statusCode(200)
                    .body("waitingForReview", equalTo(1)).body("overdueForReview", equalTo(1));
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("brevrute_review_waiting{department=\"BUF\",unit=\"" + unit.id() + "\"} 1.0"))
                    .body(containsString("brevrute_review_overdue{department=\"BUF\",unit=\"" + unit.id() + "\"} 1.0"));
        });
        given().auth().oauth2(PrinterTestSupport.caseworker("BUF", unit.id())).get("/api/v1/review").then().statusCode(200)
                .body("[0].overdue", equalTo(true));
    }

    static LetterSubmitted submitted(UUID letterId) {
        var records = kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> letterId.toString().equals(r.key())));
        var record = records.stream().filter(r -> letterId.toString().equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no letters.submitted.v1 for letter " + letterId));
        return KafkaTestClient.parse(record.value(), LetterSubmitted.class);
    }
}
