package dk.brevrute.print.batch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.Peers;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Letters prepared together get their documents from letter-intake in one call, each checked against
 * its letter's hash: a document not found, or not the one its letter references, fails that letter
 * only, and none is fetched again singly. The preparation timer is paused so the letters are claimed
 * together.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class DocumentBatchFetchTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    TestPrint print;

    @Inject
    Scheduler scheduler;

    @AfterAll
    static void close() {
        kafka.close();
    }

    private static LetterSubmitted letter(String name, byte[] pdf) {
        return Fixtures.letter(Fixtures.address(new PostalAddress(name, "Nørregade 1", null, "1165", "København K", "DK")),
                PostageClass.B, pdf, 1);
    }

    @Test
    void lettersPreparedTogetherFetchTheirDocumentsInOneCall() {
        print.closeOpenBatches();
        byte[] pdf = Fixtures.plainPdf(1);
        LetterSubmitted first = letter("Anna Jensen", pdf);
        LetterSubmitted second = letter("Bo Olsen", pdf);
        LetterSubmitted missing = letter("Carl Berg", pdf);
        LetterSubmitted altered = letter("Dorte Holm", pdf);
        Map<LetterSubmitted, byte[]> answer = new LinkedHashMap<>();
        answer.put(first, pdf);
        answer.put(second, pdf);
        answer.put(missing, null);
        answer.put(altered, Fixtures.plainPdf(2));
        Peers.documents(answer);

        scheduler.pause("print-prepare");
        try {
            List<LetterSubmitted> letters = List.of(first, second, missing, altered);
            letters.forEach(l -> Fixtures.routeToPrint(kafka, l));
            await().atMost(TestPrint.WAIT).until(() -> letters.stream().allMatch(l -> print.letter(l.letterId()) != null));
            assertEquals(4, print.prepareDue());
        } finally {
            scheduler.resume("print-prepare");
        }

        assertEquals(PrintLetter.Status.BATCHED, print.letter(first.letterId()).status);
        assertEquals(PrintLetter.Status.BATCHED, print.letter(second.letterId()).status);
        assertEquals(PrintLetter.Status.FAILED, print.letter(missing.letterId()).status);
        assertEquals("DOCUMENT_NOT_FOUND", print.letter(missing.letterId()).failureReason);
        assertEquals(PrintLetter.Status.FAILED, print.letter(altered.letterId()).status);
        assertEquals("DOCUMENT_HASH_MISMATCH", print.letter(altered.letterId()).failureReason);
        for (LetterSubmitted l : List.of(first, second, missing, altered)) {
            assertEquals(1, Peers.batchFetches(l).size(), "asked for in the one call: " + l.letterId());
            assertEquals(0, Peers.documentFetches(l).size(), "not fetched again singly: " + l.letterId());
        }
    }
}
