package dk.brevrute.intake.hotfolder;

import static dk.brevrute.intake.extraction.TestLetters.letter;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hot folders against the running service (root {@code target/hotfolders}, scanned every half second
 * in the tests): a PDF with a sidecar becomes a letter and moves to done/; a broken file moves to
 * failed/ with its reason; an unreadable recipient waits in the unit's review queue; files are
 * claimed once however many scanners race; a claim left by a dead replica is taken up again.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class HotFolderTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final Path ROOT = Path.of("target", "hotfolders");

    @Inject
    HotFolder hotFolder;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static Path folder(TestUnit unit) throws Exception {
        Path folder = ROOT.resolve(unit.id());
        Files.createDirectories(folder);
        return folder;
    }

    /** As a driver should: written under another name, then renamed into place. */
    static void drop(Path folder, String name, byte[] content) throws Exception {
        Path tmp = folder.resolve(name + ".part");
        Files.write(tmp, content);
        Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aPdfWithASidecarBecomesALetterAndMovesToDone() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("SOF", "hotfolder");
        Path folder = folder(unit);
        String reference = "SOF-sag-" + unit.id();
        drop(folder, "afgoerelse.json", ("{\"senderReference\": \"" + reference + "\", \"recipient\": {\"cpr\": \"010190-1234\"},"
                + " \"subject\": \"Afgørelse om hjælpemidler\", \"postageClass\": \"A\"}").getBytes());
        drop(folder, "afgoerelse.pdf", SamplePdfs.letter(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve("done/afgoerelse.pdf")));
        assertTrue(Files.exists(folder.resolve("done/afgoerelse.json")), "the sidecar moves with its PDF");
        assertFalse(Files.exists(folder.resolve("afgoerelse.pdf")));
        var records = kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.value().contains(reference)));
        LetterSubmitted submitted = records.stream().map(r -> KafkaTestClient.parse(r.value(), LetterSubmitted.class))
                .filter(s -> reference.equals(s.senderReference())).findFirst().orElseThrow();
        assertEquals("SOF", submitted.department());
        assertEquals(Recipient.RecipientType.CPR, submitted.recipient().type());
        assertEquals("Afgørelse om hjælpemidler", submitted.subject());
        assertEquals("A", submitted.postageClass().name());
    }

    @Test
    void aFileThatIsNoLetterMovesToFailedWithItsReason() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("SOF", "hotfolder");
        Path folder = folder(unit);
        drop(folder, "broken.pdf", "this is not a PDF".getBytes());
        drop(folder, "letterpaper.pdf", SamplePdfs.usLetter());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve("failed/letterpaper.pdf.reason.txt"))
                && Files.exists(folder.resolve("failed/broken.pdf.reason.txt")));
        assertTrue(Files.readString(folder.resolve("failed/broken.pdf.reason.txt")).contains("DOCUMENT_NOT_PDF"));
        assertTrue(Files.readString(folder.resolve("failed/letterpaper.pdf.reason.txt")).contains("DOCUMENT_NOT_A4"));
        assertTrue(Files.exists(folder.resolve("failed/broken.pdf")));
    }

    @Test
    void anUnreadableRecipientWaitsInTheUnitsReviewQueue() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("SOF", "hotfolder");
        Path folder = folder(unit);
        drop(folder, "to-cpr.pdf", letter().window("Jens Hansen", "Nørregade 1", "1165 København K")
                .body("CPR-nr.: 010190-1234", "Personnummer: 020285-5678").pdf());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve("done/to-cpr.pdf")));
        given().auth().oauth2(PrinterTestSupport.caseworker("SOF", unit.id())).get("/api/v1/review").then().statusCode(200)
                .body("source", hasItem("hotfolder")).body("reason", hasItem("SEVERAL_CPR"));
    }

    @Test
    void racingScannersClaimEachFileOnce() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("SOF", "hotfolder");
        Path folder = folder(unit);
        for (int i = 0; i < 8; i++) {
            drop(folder, "letter-" + i + ".pdf", letter().window("Jens Hansen", "Nørregade " + (i + 1), "1165 København K").pdf());
        }
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> scans = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                scans.add(replicas.submit(() -> hotFolder.scan()));
            }
            for (Future<?> scan : scans) {
                scan.get();
            }
        } finally {
            replicas.shutdown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(folder.resolve("done")) == 8);
        given().auth().oauth2(PrinterTestSupport.admin("SOF")).get("/api/v1/units/" + unit.id()).then().statusCode(200)
                .body("lettersSent", equalTo(8));
        assertEquals(0, count(folder), "the folder is empty");
        assertEquals(0, count(folder.resolve(".processing")));
    }

    @Test
    void aClaimLeftByADeadReplicaIsProcessedOnce() throws Exception {
        TestUnit unit = PrinterTestSupport.unit("SOF", "hotfolder");
        Path folder = folder(unit);
        Files.createDirectories(folder.resolve(".processing"));
        Path orphan = folder.resolve(".processing/orphan.pdf");
        Files.write(orphan, letter().window("Jens Hansen", "Nørregade 1", "1165 København K").pdf());
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(folder.resolve("done/orphan.pdf")));
        given().auth().oauth2(PrinterTestSupport.admin("SOF")).get("/api/v1/units/" + unit.id()).then().statusCode(200)
                .body("lettersSent", equalTo(1));
    }

    static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
