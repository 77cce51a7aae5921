package dk.brevrute.print.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.events.Topics;
import dk.brevrute.print.render.PrintFiles;
import dk.brevrute.print.render.WindowArea;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.Peers;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each envelope address comes from the first source that has one: the letter's own window, the
 * request, the CPR register (through WireMock), else the letter fails with NO_ADDRESS. A protected
 * address is printed on the carrier sheet but appears in no event.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class AddressSourcesTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    TestPrint print;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void addressFromEachSourceInOrder() throws Exception {
        print.closeOpenBatches();
        // 1. The letter's own window address wins over the request's and the register's.
        LetterSubmitted window = Fixtures.letter(Fixtures.citizenAt("0101901001",
                new PostalAddress("Anden Person", "Andet sted 9", null, "8000", "Aarhus C", "DK")), PostageClass.B, SamplePdfs.letter(2), 2);
        // 2. No window address: the request's address (abroad: zone EUROPE).
        LetterSubmitted request = Fixtures.letter(Fixtures.address(
                new PostalAddress("Karin Berg", "Storgatan 1", null, "111 22", "Stockholm", "SE")), PostageClass.B, Fixtures.plainPdf(1), 1);
        // 3. Neither: the CPR register's, here protected.
        Peers.person("0101901003", """
                {"name":"Beskyttet Borger","address":{"name":"Beskyttet Borger","street":"Hemmelig Allé 7","supplement":null,
                 "postcode":"2100","city":"København Ø","country":"DK"},"addressProtected":true}""");
        LetterSubmitted register = Fixtures.letter(Fixtures.citizen("0101901003"), PostageClass.B, Fixtures.plainPdf(1), 1);
        // 4. The register abroad, outside Europe: zone WORLD.
        Peers.person("0101901004", """
                {"name":"Far Away","address":{"name":"Far Away","street":"1 Main St","supplement":"Apt 2",
                 "postcode":"10001","city":"New York NY","country":"US"},"addressProtected":false}""");
        LetterSubmitted world = Fixtures.letter(Fixtures.citizen("0101901004"), PostageClass.B, Fixtures.plainPdf(1), 1);
        for (LetterSubmitted l : List.of(window, request, register, world)) {
            Fixtures.routeToPrint(kafka, l);
        }

        PrintLetter w = print.awaitLetter(window.letterId(), PrintLetter.Status.BATCHED);
        assertEquals(PrintLetter.AddressSource.WINDOW, w.addressSource);
        assertEquals("1165", w.addrPostcode);
        assertEquals("DK", w.zone);
        assertEquals(1, w.sheets, "2 pages duplex, no carrier sheet");
        assertNull(w.recipientCpr, "the CPR number is not kept once the address is known");

        PrintLetter r = print.awaitLetter(request.letterId(), PrintLetter.Status.BATCHED);
        assertEquals(PrintLetter.AddressSource.REQUEST, r.addressSource);
        assertEquals("EUROPE", r.zone);
        assertEquals(2, r.sheets, "1 page plus a carrier sheet");

        PrintLetter c = print.awaitLetter(register.letterId(), PrintLetter.Status.BATCHED);
        assertEquals(PrintLetter.AddressSource.CPR_REGISTER, c.addressSource);
        assertTrue(c.addressProtected);
        assertEquals("Hemmelig Allé 7", c.addrStreet);

        PrintLetter u = print.awaitLetter(world.letterId(), PrintLetter.Status.BATCHED);
        assertEquals("WORLD", u.zone);

        // The protected address is printed on its carrier sheet ...
        UUID batchId = c.batchId;
        assertEquals(batchId, r.batchId);
        print.close(batchId);
        PrintBatch b = print.awaitRendered(batchId);
        PrintLetter printed = print.letter(register.letterId());
        try (PDDocument doc = Loader.loadPDF(Path.of(b.pdfFile).toFile())) {
            boolean found = false;
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                found |= PrintFiles.windowText(doc, i, WindowArea.DIN_C5).contains("Hemmelig Allé 7");
            }
            assertTrue(found, "the protected address is on the carrier sheet");
        }
        assertEquals(PrintLetter.Status.IN_PRINT, printed.status);
        // ... and in no event.
        List<PrintBatchStateChanged> events = TestPrint.batchEvents(kafka, batchId, es -> !es.isEmpty());
        assertFalse(events.isEmpty());
        assertFalse(KafkaTestClient.json(events.get(0)).contains("Hemmelig"));
    }

    @Test
    void noAddressAnywhereFailsTheLetter() {
        Peers.unknownPerson("0101901005");
        LetterSubmitted nowhere = Fixtures.letter(Fixtures.citizen("0101901005"), PostageClass.B, Fixtures.plainPdf(1), 1);
        Fixtures.routeToPrint(kafka, nowhere);

        PrintLetter l = print.awaitLetter(nowhere.letterId(), PrintLetter.Status.FAILED);
        assertEquals(LetterPreparation.NO_ADDRESS, l.failureReason);
        List<ConsumerRecord<String, String>> failed = kafka.readUntil(Topics.DELIVERY_FAILED, TestPrint.WAIT,
                rs -> rs.stream().anyMatch(x -> nowhere.letterId().toString().equals(x.key())));
        ConsumerRecord<String, String> record = failed.stream().filter(x -> nowhere.letterId().toString().equals(x.key())).findFirst()
                .orElseThrow();
        DeliveryFailed e = KafkaTestClient.parse(record.value(), DeliveryFailed.class);
        assertEquals(Channel.PRINT, e.channel());
        assertEquals(FailureKind.PERMANENT, e.kind());
        assertEquals("NO_ADDRESS", e.reason());
        assertFalse(record.value().contains("0101901005"), "no CPR number in the event");
    }

    @Test
    void documentWithAnotherHashIsRefused() {
        LetterSubmitted l = Fixtures.letter(Fixtures.address(
                new PostalAddress("Jens Hansen", "Nørregade 1", null, "1165", "København K", "DK")), PostageClass.B, Fixtures.plainPdf(1), 1);
        // letter-intake now serves other bytes under that document id.
        Peers.document(l.document().documentId(), Fixtures.DEPARTMENT, Fixtures.plainPdf(2));
        Fixtures.routeToPrint(kafka, l);

        PrintLetter failed = print.awaitLetter(l.letterId(), PrintLetter.Status.FAILED);
        assertEquals("DOCUMENT_HASH_MISMATCH", failed.failureReason);
    }
}
