package dk.brevrute.intake.printer;

import static dk.brevrute.intake.extraction.TestLetters.letter;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.List;

import dk.brevrute.intake.printer.PrinterTestSupport.Answer;
import dk.brevrute.intake.printer.PrinterTestSupport.Request;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The printer's answers where ipptool's suites do not look: authentication and authorization per
 * unit, the status codes of RFC 8011 for what is refused, jobs whose letter is rejected, Create-Job
 * with a document sent in two steps, and Get-Jobs' filters.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class PrinterProtocolTest {

    @TestHTTPResource("/")
    URL root;

    URI base;
    TestUnit unit;
    String queue;

    /** One queue for the tests that do not count its jobs or close it; those make their own with {@link #ownQueue()}. */
    static TestUnit shared;

    @BeforeEach
    void queue() throws Exception {
        base = root.toURI();
        if (shared == null) {
            shared = PrinterTestSupport.unit("BUF", "protocol");
        }
        unit = shared;
        queue = PrinterTestSupport.queueUri(base, unit.id());
    }

    void ownQueue() {
        unit = PrinterTestSupport.unit("BUF", "protocol");
        queue = PrinterTestSupport.queueUri(base, unit.id());
    }

    Request print(byte[] pdf) {
        return new Request(Ipp.PRINT_JOB, queue).op("requesting-user-name", Ipp.NAME, "mette")
                .op("job-name", Ipp.NAME, "afgoerelse.pdf").data(pdf);
    }

    @Test
    void withoutCredentialsTheQueueAsksForThem() {
        // No Authorization header: 401 with the Basic challenge before the document is read.
        given().contentType("application/ipp").body(new Request(Ipp.GET_PRINTER_ATTRIBUTES, queue).encode())
                .post("/ipp/print/" + unit.id()).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic realm=\"Brevrute\""));
        // A wrong password, and an unknown user: 401 with client-error-not-authenticated in the IPP answer.
        for (String user : List.of(unit.id(), "nobody")) {
            Answer a = PrinterTestSupport.send(base, unit.id(), user, "wrong-password", print(SamplePdfs.letter(1)).encode());
            assertEquals(401, a.httpStatus());
            assertTrue(a.response().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertEquals(Ipp.NOT_AUTHENTICATED, a.status());
        }
    }

    @Test
    void anotherUnitsCredentialsAreNotAuthorized() {
        ownQueue();
        TestUnit other = PrinterTestSupport.unit("SOF", "protocol");
        Answer a = PrinterTestSupport.send(base, unit.id(), other.id(), other.password(), print(SamplePdfs.letter(1)).encode());
        assertEquals(200, a.httpStatus());
        assertEquals(Ipp.NOT_AUTHORIZED, a.status(), "client-error-not-authorized (0x0403)");
        assertNull(a.job("job-id"), "no job was made");
        Answer jobs = PrinterTestSupport.send(base, unit, new Request(Ipp.GET_JOBS, queue).op("which-jobs", Ipp.KEYWORD, "completed"));
        assertTrue(jobs.message().groups(Ipp.JOB_ATTRIBUTES).isEmpty(), "the queue has no jobs");
    }

    @Test
    void aDeactivatedUnitsCredentialsNoLongerWork() {
        ownQueue();
        assertEquals(Ipp.OK, PrinterTestSupport.send(base, unit, new Request(Ipp.GET_PRINTER_ATTRIBUTES, queue)).status());
        given().auth().oauth2(PrinterTestSupport.admin("BUF")).post("/api/v1/units/" + unit.id() + "/deactivate").then().statusCode(200);
        assertEquals(401, PrinterTestSupport.send(base, unit, new Request(Ipp.GET_PRINTER_ATTRIBUTES, queue)).httpStatus());
    }

    @Test
    void malformedRequestsAreBadRequests() {
        Answer garbage = PrinterTestSupport.send(base, unit.id(), unit.id(), unit.password(), new byte[] {2, 0, 0, 11, 0, 0, 0, 9, 1, 0x47});
        assertEquals(Ipp.BAD_REQUEST, garbage.status());
        assertEquals(9, garbage.message().requestId(), "the answer carries the request-id");
        Answer noPrinterUri = PrinterTestSupport.send(base, unit, new Request(Ipp.GET_PRINTER_ATTRIBUTES, null));
        assertEquals(Ipp.BAD_REQUEST, noPrinterUri.status());
        Answer otherQueue = PrinterTestSupport.send(base, unit, new Request(Ipp.GET_PRINTER_ATTRIBUTES,
                PrinterTestSupport.queueUri(base, "some-other-unit")));
        assertEquals(Ipp.NOT_FOUND, otherQueue.status());
    }

    @Test
    void unsupportedOperationsFormatsAndCompression() {
        assertEquals(Ipp.OPERATION_NOT_SUPPORTED, PrinterTestSupport.send(base, unit, new Request(0x000C, queue)).status(), "Hold-Job");
        Answer jpeg = PrinterTestSupport.send(base, unit, print(new byte[] {(byte) 0xFF, (byte) 0xD8}).op("document-format",
                Ipp.MIME_MEDIA_TYPE, "image/jpeg"));
        assertEquals(Ipp.DOCUMENT_FORMAT_NOT_SUPPORTED, jpeg.status());
        assertEquals("image/jpeg", jpeg.message().group(Ipp.UNSUPPORTED_ATTRIBUTES).get("document-format").string());
        Answer gzip = PrinterTestSupport.send(base, unit, print(SamplePdfs.letter(1)).op("compression", Ipp.KEYWORD, "gzip"));
        assertEquals(Ipp.COMPRESSION_NOT_SUPPORTED, gzip.status());
    }

    @Test
    void unsupportedJobAttributesAreIgnoredOrRefusedWithFidelity() {
        Answer ignored = PrinterTestSupport.send(base, unit, new Request(Ipp.VALIDATE_JOB, queue)
                .job("sides", Ipp.KEYWORD, "two-sided-long-edge").job("x-unknown", Ipp.INTEGER, 1).job("media", Ipp.KEYWORD, "iso_a4_210x297mm"));
        assertEquals(Ipp.OK_IGNORED_OR_SUBSTITUTED, ignored.status());
        IppMessage.Group unsupported = ignored.message().group(Ipp.UNSUPPORTED_ATTRIBUTES);
        assertEquals("two-sided-long-edge", unsupported.get("sides").string());
        assertEquals(Ipp.UNSUPPORTED, unsupported.get("x-unknown").tag());
        assertNull(unsupported.get("media"), "A4 is supported");
        Answer strict = PrinterTestSupport.send(base, unit, new Request(Ipp.VALIDATE_JOB, queue)
                .op("ipp-attribute-fidelity", Ipp.BOOLEAN, true).job("copies", Ipp.INTEGER, 2));
        assertEquals(Ipp.ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, strict.status());
    }

    @Test
    void anOctetStreamPdfBecomesALetterAndAJobCarriesItsId() {
        Answer a = PrinterTestSupport.send(base, unit, print(SamplePdfs.letter(1)).op("document-format", Ipp.MIME_MEDIA_TYPE,
                "application/octet-stream"));
        assertEquals(Ipp.OK, a.status());
        assertEquals(Ipp.JOB_COMPLETED, a.job("job-state").integer());
        assertEquals("job-completed-successfully", a.job("job-state-reasons").string());
        assertNotNull(a.job("brevrute-letter-id"));
        assertTrue(a.job("job-state-message").string().contains(a.job("brevrute-letter-id").string()));
    }

    @Test
    void aDocumentThatCannotBeALetterAbortsTheJobWithTheReason() {
        Answer notPdf = PrinterTestSupport.send(base, unit, print("%!PS-Adobe-3.0 not a pdf".getBytes()));
        assertEquals(Ipp.OK, notPdf.status());
        assertEquals(Ipp.JOB_ABORTED, notPdf.job("job-state").integer());
        assertTrue(notPdf.job("job-state-reasons").strings().contains("document-format-error"));
        assertEquals("rejected: DOCUMENT_NOT_PDF", notPdf.job("job-state-message").string());
        Answer usLetter = PrinterTestSupport.send(base, unit, print(SamplePdfs.usLetter()));
        assertEquals(Ipp.JOB_ABORTED, usLetter.job("job-state").integer());
        assertEquals("rejected: DOCUMENT_NOT_A4", usLetter.job("job-state-message").string());
    }

    @Test
    void createJobThenTheDocumentInTwoSendDocuments() {
        Answer created = PrinterTestSupport.send(base, unit, new Request(Ipp.CREATE_JOB, queue).op("job-name", Ipp.NAME, "to dele"));
        int jobId = created.job("job-id").integer();
        assertEquals(Ipp.JOB_PENDING, created.job("job-state").integer());
        Answer first = PrinterTestSupport.send(base, unit, new Request(Ipp.SEND_DOCUMENT, queue).op("job-id", Ipp.INTEGER, jobId)
                .op("last-document", Ipp.BOOLEAN, false).data(SamplePdfs.letter(1)));
        assertEquals(Ipp.OK, first.status());
        assertEquals(Ipp.JOB_PENDING, first.job("job-state").integer());
        Answer second = PrinterTestSupport.send(base, unit, new Request(Ipp.SEND_DOCUMENT, queue).op("job-id", Ipp.INTEGER, jobId)
                .op("last-document", Ipp.BOOLEAN, false).data(SamplePdfs.letter(1)));
        assertEquals(Ipp.MULTIPLE_DOCUMENT_JOBS_NOT_SUPPORTED, second.status());
        Answer last = PrinterTestSupport.send(base, unit, new Request(Ipp.SEND_DOCUMENT, queue).op("job-id", Ipp.INTEGER, jobId)
                .op("last-document", Ipp.BOOLEAN, true));
        assertEquals(Ipp.JOB_COMPLETED, last.job("job-state").integer());
        // By its job-uri, as a client that kept it would ask.
        Request byUri = new Request(Ipp.GET_JOB_ATTRIBUTES, null).op("job-uri", Ipp.URI, queue + "/jobs/" + jobId);
        Answer attributes = PrinterTestSupport.send(base, unit, byUri);
        assertEquals(Ipp.OK, attributes.status());
        assertEquals("to dele", attributes.job("job-name").string());
        assertEquals(Ipp.NOT_POSSIBLE, PrinterTestSupport.send(base, unit, new Request(Ipp.CANCEL_JOB, queue)
                .op("job-id", Ipp.INTEGER, jobId)).status(), "a completed job cannot be canceled");
    }

    @Test
    void jobsOfOtherQueuesAndUnknownJobsAreNotFound() {
        TestUnit other = PrinterTestSupport.unit("BUF", "protocol");
        Answer theirs = PrinterTestSupport.send(base, other, new Request(Ipp.CREATE_JOB, PrinterTestSupport.queueUri(base, other.id())));
        int theirJob = theirs.job("job-id").integer();
        for (int id : new int[] {theirJob, 99_999_999}) {
            assertEquals(Ipp.NOT_FOUND, PrinterTestSupport.send(base, unit, new Request(Ipp.GET_JOB_ATTRIBUTES, queue)
                    .op("job-id", Ipp.INTEGER, id)).status());
            assertEquals(Ipp.NOT_FOUND, PrinterTestSupport.send(base, unit, new Request(Ipp.CANCEL_JOB, queue)
                    .op("job-id", Ipp.INTEGER, id)).status());
        }
    }

    @Test
    void getJobsFiltersByStateUserAndLimit() {
        ownQueue();
        byte[] review = letter().window("Jens Hansen").pdf();
        int held = PrinterTestSupport.send(base, unit, print(review)).job("job-id").integer();
        int done1 = PrinterTestSupport.send(base, unit, print(SamplePdfs.letter(1))).job("job-id").integer();
        int done2 = PrinterTestSupport.send(base, unit, new Request(Ipp.PRINT_JOB, queue).op("requesting-user-name", Ipp.NAME, "ole")
                .data(SamplePdfs.letter(1))).job("job-id").integer();

        assertEquals(List.of(held), ids(new Request(Ipp.GET_JOBS, queue)), "not-completed by default: the one in review");
        assertEquals(List.of(done2, done1), ids(new Request(Ipp.GET_JOBS, queue).op("which-jobs", Ipp.KEYWORD, "completed")),
                "completed, newest first");
        assertEquals(List.of(done1), ids(new Request(Ipp.GET_JOBS, queue).op("which-jobs", Ipp.KEYWORD, "completed")
                .op("requesting-user-name", Ipp.NAME, "mette").op("my-jobs", Ipp.BOOLEAN, true)));
        assertEquals(List.of(done2), ids(new Request(Ipp.GET_JOBS, queue).op("which-jobs", Ipp.KEYWORD, "completed")
                .op("limit", Ipp.INTEGER, 1)));
        Answer all = PrinterTestSupport.send(base, unit, new Request(Ipp.GET_JOBS, queue).op("requested-attributes", Ipp.KEYWORD, "all"));
        assertEquals(Ipp.JOB_PENDING_HELD, all.job("job-state").integer());
        assertEquals("mette", all.job("job-originating-user-name").string());
        assertEquals(Ipp.ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, PrinterTestSupport.send(base, unit, new Request(Ipp.GET_JOBS, queue)
                .op("which-jobs", Ipp.KEYWORD, "proof-print")).status());
        Answer printer = PrinterTestSupport.send(base, unit, new Request(Ipp.GET_PRINTER_ATTRIBUTES, queue)
                .op("requested-attributes", Ipp.KEYWORD, "queued-job-count", "printer-uri-supported"));
        assertEquals(1, printer.printer("queued-job-count").integer());
        assertEquals(queue, printer.printer("printer-uri-supported").string());
        assertNull(printer.printer("printer-name"), "only what was asked for");
    }

    List<Integer> ids(Request r) {
        return PrinterTestSupport.send(base, unit, r).message().groups(Ipp.JOB_ATTRIBUTES).stream()
                .map(g -> g.get("job-id").integer()).toList();
    }
}
