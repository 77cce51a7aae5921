package dk.brevrute.intake.printer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.printer.PrinterTestSupport.TestUnit;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: CUPS's ipptool, a real IPP client, runs its standard tests against an authenticated
 * queue of the running service (credentials in the printer URI), and a letter it prints is
 * accepted and published on letters.submitted.v1 on the real broker.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class PrinterIpptoolTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @TestHTTPResource("/")
    URL root;

    Path workDir;
    TestUnit unit;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void queue() throws IOException {
        Ipptool.assertInstalled();
        unit = PrinterTestSupport.unit("BUF", "ipptool");
        workDir = Files.createTempDirectory(Path.of("target"), "ipptool-");
        // The letter to print (address in the C5 window, no CPR number), and the A4 PDF ipp-1.1.test prints by name.
        Files.write(workDir.resolve("letter.pdf"), SamplePdfs.letter(1));
        Files.write(workDir.resolve("document-a4.pdf"), SamplePdfs.letter(2));
        // Files the suite names for formats and media this printer does not offer: those tests are skipped, but
        // ipptool stops reading the suite at the first file it cannot find.
        Files.write(workDir.resolve("document-letter.pdf"), SamplePdfs.usLetter());
        for (String other : List.of("document-a4.ps", "document-letter.ps", "color.jpg", "gray.jpg")) {
            Files.writeString(workDir.resolve(other), "not used: the printer does not offer this format\n");
        }
    }

    String uri() throws Exception {
        URI base = root.toURI();
        return "ipp://" + unit.id() + ":" + unit.password() + "@" + base.getHost() + ":" + base.getPort() + "/ipp/print/" + unit.id();
    }

    @Test
    void getPrinterAttributesTestPasses() throws Exception {
        Ipptool.assertPasses(workDir, uri(), "get-printer-attributes.test", "-t", "-T", "30");
    }

    @Test
    void printJobTestPassesAndThePrintedLetterIsSubmitted() throws Exception {
        Ipptool.Result result = Ipptool.assertPasses(workDir, uri(), "print-job.test", "-tv", "-T", "30", "-f", "letter.pdf");
        Matcher letter = Pattern.compile("brevrute-letter-id \\(textWithoutLanguage\\) = ([0-9a-f-]{36})").matcher(result.output());
        assertTrue(letter.find(), "the job carries the letter id:\n" + result.output());
        UUID letterId = UUID.fromString(letter.group(1));
        LetterSubmitted submitted = submitted(kafka, letterId);
        assertEquals("BUF", submitted.department());
        assertEquals(Recipient.RecipientType.ADDRESS, submitted.recipient().type());
        assertEquals("1165", submitted.recipient().address().postcode());
        assertEquals("Afgørelse om pladsanvisning", submitted.subject());
        assertTrue(submitted.senderReference().startsWith("print/" + unit.id() + "/"), submitted.senderReference());
    }

    @Test
    void ipp11SuitePasses() throws Exception {
        Ipptool.assertPasses(workDir, uri(), "ipp-1.1.test", "-t", "-T", "30", "-f", "letter.pdf");
    }

    /** The letter's letters.submitted.v1 record on the real broker (fails after 30 s without it). */
    static LetterSubmitted submitted(KafkaTestClient kafka, UUID letterId) {
        var records = kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> letterId.toString().equals(r.key())));
        var record = records.stream().filter(r -> letterId.toString().equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no letters.submitted.v1 for letter " + letterId));
        return KafkaTestClient.parse(record.value(), LetterSubmitted.class);
    }
}
