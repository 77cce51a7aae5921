package dk.brevrute.print.batch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.Peers;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Letters go into batches by postage class and envelope size; a batch closes at its size, at the
 * cut-off (once, with two "replicas" racing) and by hand; a replica holds the batch it works on
 * and lets go within a lease when it stops; letters prepared together fill a batch and open the next;
 * routing's re-check takes letters out;
 * letters to one recipient share an envelope; a cancelled letter leaves an open batch only; a poll
 * of decisions is taken in one transaction, each decision in turn.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class BatchingTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final PostalAddress HOME = new PostalAddress("Jens Hansen", "Nørregade 1, 2. tv.", null, "1165", "København K", "DK");

    @Inject
    TestPrint print;
    @Inject
    BatchClosing closing;
    @Inject
    BatchClaims claims;
    @Inject
    Scheduler scheduler;
    @Inject
    EnvelopeRepository envelopes;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry registry;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void clean() {
        Fixtures.publishBaseTariff(kafka);
        print.closeOpenBatches();
    }

    private PrintLetter queue(LetterSubmitted l) {
        Fixtures.routeToPrint(kafka, l);
        return print.awaitLetter(l.letterId(), PrintLetter.Status.BATCHED);
    }

    private static LetterSubmitted plain(PostageClass cls, int pages) {
        return Fixtures.letter(Fixtures.address(HOME), cls, Fixtures.plainPdf(pages), pages);
    }

    @Test
    void batchesByClassAndEnvelopeSize() {
        PrintLetter a = queue(plain(PostageClass.A, 1));
        PrintLetter b = queue(plain(PostageClass.B, 1));
        PrintLetter big = queue(plain(PostageClass.B, 12)); // 6 sheets duplex + carrier = 7 > 6: C4
        assertEquals("C5", a.envelopeSize);
        assertEquals("C4", big.envelopeSize);
        assertNotEquals(a.batchId, b.batchId, "A and B never share a batch");
        assertNotEquals(b.batchId, big.batchId, "C5 and C4 never share a batch");
        PrintBatch bb = print.batch(b.batchId);
        assertEquals(PostageClass.B, bb.postageClass);
        assertEquals("C5", bb.envelopeSize);
        assertEquals(PrintBatch.State.OPEN, bb.state);
    }

    @Test
    void closesWhenFull() {
        List<PrintLetter> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // %test.print.batch.max-letters=5
            five.add(queue(plain(PostageClass.A, 12)));
        }
        UUID batchId = five.get(0).batchId;
        assertTrue(five.stream().allMatch(l -> l.batchId.equals(batchId)));
        PrintBatch closed = print.awaitBatch(batchId, PrintBatch.State.CLOSED);
        assertEquals("SIZE", closed.closeReason);
        assertEquals(5, closed.letters);
        List<PrintBatchStateChanged> events = TestPrint.batchEvents(kafka, batchId, es -> !es.isEmpty());
        assertEquals(PrintBatchStateChanged.State.CLOSED, events.get(0).state());
        assertEquals(five.stream().map(l -> l.letterId).collect(Collectors.toSet()), Set.copyOf(events.get(0).letterIds()));
        // The next letter of that class and size opens a new batch.
        assertNotEquals(batchId, queue(plain(PostageClass.A, 12)).batchId);
    }

    @Test
    void lettersPreparedTogetherFillABatchAndOpenTheNext() {
        scheduler.pause("print-prepare");
        try {
            List<LetterSubmitted> big = IntStream.range(0, 6).mapToObj(i -> plain(PostageClass.A, 12)).toList(); // C4
            LetterSubmitted small = plain(PostageClass.B, 1);
            List<LetterSubmitted> all = Stream.concat(big.stream(), Stream.of(small)).toList();
            all.forEach(l -> Fixtures.routeToPrint(kafka, l));
            await().atMost(TestPrint.WAIT).until(() -> all.stream().map(l -> print.letter(l.letterId()))
                    .allMatch(p -> p != null && p.status == PrintLetter.Status.WAITING));

            assertTrue(print.prepareDue() >= all.size(), "claimed together");

            List<PrintLetter> bigs = big.stream().map(l -> print.letter(l.letterId())).toList();
            assertTrue(bigs.stream().allMatch(l -> l.batchId != null && l.status != PrintLetter.Status.WAITING), "every letter batched");
            Map<UUID, Long> perBatch = bigs.stream().collect(Collectors.groupingBy(l -> l.batchId, Collectors.counting()));
            assertEquals(Set.of(5L, 1L), Set.copyOf(perBatch.values()), "five fill a batch (max-letters=5), the sixth opens the next");
            UUID full = perBatch.entrySet().stream().filter(e -> e.getValue() == 5).findFirst().orElseThrow().getKey();
            UUID next = perBatch.entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
            PrintBatch fullBatch = print.batch(full);
            assertEquals("SIZE", fullBatch.closeReason);
            assertEquals(5, fullBatch.letters);
            PrintBatch nextBatch = print.batch(next);
            assertEquals(PrintBatch.State.OPEN, nextBatch.state);
            assertEquals(1, nextBatch.letters);
            assertEquals("C4", nextBatch.envelopeSize);

            PrintLetter b = print.letter(small.letterId());
            PrintBatch smallBatch = print.batch(b.batchId);
            assertEquals(PrintLetter.Status.BATCHED, b.status);
            assertEquals(PostageClass.B, smallBatch.postageClass);
            assertEquals("C5", smallBatch.envelopeSize);
            assertEquals(1, smallBatch.letters);
        } finally {
            scheduler.resume("print-prepare");
        }
    }

    @Test
    void cutOffClosesOnceWithTwoReplicas() throws Exception {
        PrintLetter l = queue(plain(PostageClass.B, 2));
        UUID batchId = l.batchId;
        Instant now = Instant.now();
        // The batch was opened before the last cut-off.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE print_batch SET opened_at = ?1 WHERE id = ?2")
                .setParameter(1, closing.lastCutOff(now).minus(1, ChronoUnit.HOURS)).setParameter(2, batchId).executeUpdate());
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> closing.cutOff(now) + closing.finishClosing());
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> closing.cutOff(now) + closing.finishClosing());
        one.get();
        two.get();
        PrintBatch b = print.awaitBatch(batchId, PrintBatch.State.CLOSED);
        assertEquals("CUT_OFF", b.closeReason);
        List<PrintBatchStateChanged> events = TestPrint.batchEvents(kafka, batchId, es -> !es.isEmpty());
        assertEquals(1, events.stream().filter(e -> e.state() == PrintBatchStateChanged.State.CLOSED).count(), "closed exactly once");
        long transitions = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM batch_transition WHERE batch_id = ?1").setParameter(1, batchId).getSingleResult()).longValue());
        assertEquals(1, transitions);
        // A batch opened after the cut-off stays open.
        PrintLetter later = queue(plain(PostageClass.B, 2));
        closing.cutOff(Instant.now());
        assertEquals(PrintBatch.State.OPEN, print.batch(later.batchId).state);
    }

    @Test
    void aBatchIsHeldWhileItsReplicaWorksOnItAndTakenOverSoonAfterItStops() throws Exception {
        PrintLetter l = queue(plain(PostageClass.B, 3));
        UUID batchId = l.batchId;
        String only = "id = '" + batchId + "'";
        scheduler.pause("print-prepare");
        scheduler.pause("print-batches");
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE print_batch SET opened_at = ?1 WHERE id = ?2")
                    .setParameter(1, closing.lastCutOff(Instant.now()).minus(1, ChronoUnit.HOURS)).setParameter(2, batchId)
                    .executeUpdate());
            closing.cutOff(Instant.now());
            assertEquals(PrintBatch.State.CLOSING, print.batch(batchId).state);

            // One replica claims it: for one lease (%test.print.batch.claim-lease=PT2S), not for the length of a long render.
            assertEquals(Optional.of(batchId), claims.claimOne(PrintBatch.State.CLOSING, only));
            assertTrue(print.batch(batchId).claimedUntil.isBefore(Instant.now().plusSeconds(3)), "claimed for one lease");
            assertEquals(Optional.empty(), claims.claimOne(PrintBatch.State.CLOSING, only), "another replica skips a held batch");

            // Working for twice the lease, the replica keeps renewing: nobody else takes the batch meanwhile.
            CompletableFuture<Void> work = CompletableFuture.runAsync(() -> claims.whileHeld(batchId, PrintBatch.State.CLOSING,
                    () -> sleep(Duration.ofSeconds(4))));
            sleep(Duration.ofSeconds(3));
            assertEquals(Optional.empty(), claims.claimOne(PrintBatch.State.CLOSING, only), "held past its first lease");
            work.get();

            // The replica stopped renewing (as one that died does): another closes the batch within a lease.
            await().atMost(TestPrint.WAIT).pollInterval(Duration.ofMillis(200)).until(() -> closing.finishClosing() > 0
                    || print.batch(batchId).state == PrintBatch.State.CLOSED);
            assertEquals(PrintBatch.State.CLOSED, print.batch(batchId).state);
            assertEquals(null, print.batch(batchId).claimedUntil);
        } finally {
            scheduler.resume("print-prepare");
            scheduler.resume("print-batches");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void recheckMovesALetterToDigital() {
        PrintLetter stays = queue(plain(PostageClass.B, 1));
        PrintLetter goes = queue(plain(PostageClass.B, 1));
        StubMapping stub = Peers.nowDigital(goes.letterId);
        try {
            print.close(stays.batchId);
        } finally {
            Peers.remove(stub);
        }
        PrintBatch b = print.batch(stays.batchId);
        assertEquals(PrintBatch.State.CLOSED, b.state);
        assertEquals(1, b.letters);
        PrintLetter left = print.letter(goes.letterId);
        assertEquals(PrintLetter.Status.REROUTED, left.status);
        assertEquals(stays.batchId, left.leftBatchId);
        List<PrintBatchStateChanged> events = TestPrint.batchEvents(kafka, b.id, es -> !es.isEmpty());
        assertEquals(List.of(stays.letterId), events.get(0).letterIds());
    }

    @Test
    void routingDownKeepsTheLetters() {
        PrintLetter l = queue(plain(PostageClass.B, 1));
        double before = registry.counter("print_recheck_unavailable_total").count();
        StubMapping stub = Peers.routingDown(l.letterId);
        try {
            print.close(l.batchId);
        } finally {
            Peers.remove(stub);
        }
        assertEquals(PrintBatch.State.CLOSED, print.batch(l.batchId).state);
        assertEquals(PrintLetter.Status.IN_PRINT, print.letter(l.letterId).status);
        assertTrue(registry.counter("print_recheck_unavailable_total").count() > before);
    }

    @Test
    void lettersToOneRecipientShareAnEnvelope() {
        Peers.person("0101902001", """
                {"name":"Jens Hansen","address":{"name":"Jens Hansen","street":"Nørregade 1, 2. tv.","postcode":"1165",
                 "city":"København K","country":"DK"},"addressProtected":false}""");
        // Same CPR (address from the register) ...
        PrintLetter one = queue(Fixtures.letter(Fixtures.citizen("0101902001"), PostageClass.B, Fixtures.plainPdf(1), 1));
        // ... same CPR, its own window address ...
        PrintLetter two = queue(Fixtures.letter(Fixtures.citizen("0101902001"), PostageClass.B,
                SamplePdfs.letter(1, List.of("Jens Hansen", "Østergade 5", "8000 Aarhus C"), "Brev"), 1));
        // ... and the register's address written differently, for an address-only recipient.
        PrintLetter three = queue(Fixtures.letter(Fixtures.address(
                new PostalAddress("JENS  HANSEN", "Nørregade 1 2 tv", null, "1165", "KØBENHAVN K", "DK")), PostageClass.B, Fixtures.plainPdf(1), 1));
        PrintLetter other = queue(Fixtures.letter(Fixtures.address(
                new PostalAddress("Else Jensen", "Vestergade 3", null, "5000", "Odense C", "DK")), PostageClass.B, Fixtures.plainPdf(1), 1));
        print.close(one.batchId);

        PrintLetter p1 = print.letter(one.letterId);
        PrintLetter p2 = print.letter(two.letterId);
        PrintLetter p3 = print.letter(three.letterId);
        PrintLetter p4 = print.letter(other.letterId);
        assertEquals(p1.envelopeId, p2.envelopeId);
        assertEquals(p1.envelopeId, p3.envelopeId);
        assertNotEquals(p1.envelopeId, p4.envelopeId);
        assertEquals(0, p2.envelopePosition, "the letter showing its own address goes first");
        PrintEnvelope shared = QuarkusTransaction.requiringNew().call(() -> envelopes.findById(p1.envelopeId));
        assertFalse(shared.carrier, "no carrier sheet: the first letter shows the address");
        assertEquals(3, shared.sheets);
        for (PrintLetter p : List.of(p1, p2, p3)) {
            assertTrue(p.consolidationSaving.signum() > 0, "saving recorded per letter");
        }
        assertEquals(0, p4.consolidationSaving.signum());
        assertEquals(2, print.batch(one.batchId).envelopes);
    }

    @Test
    void cancelledLetterLeavesAnOpenBatchOnly() {
        PrintLetter open = queue(plain(PostageClass.B, 1));
        PrintLetter keep = queue(plain(PostageClass.B, 1));
        kafka.send(Topics.LETTERS_CANCELLED, open.letterId.toString(),
                new LetterCancelled(UUID.randomUUID(), Instant.now(), open.letterId, Fixtures.DEPARTMENT, "sent by mistake"));
        await().atMost(TestPrint.WAIT).until(() -> print.letter(open.letterId).status == PrintLetter.Status.CANCELLED);
        assertEquals(1, print.batch(keep.batchId).letters);

        print.close(keep.batchId);
        kafka.send(Topics.LETTERS_CANCELLED, keep.letterId.toString(),
                new LetterCancelled(UUID.randomUUID(), Instant.now(), keep.letterId, Fixtures.DEPARTMENT, "too late"));
        PrintLetter marker = queue(plain(PostageClass.B, 1)); // consumed after the cancellation on the same path
        kafka.send(Topics.LETTERS_CANCELLED, marker.letterId.toString(),
                new LetterCancelled(UUID.randomUUID(), Instant.now(), marker.letterId, Fixtures.DEPARTMENT, "marker"));
        await().atMost(TestPrint.WAIT).until(() -> print.letter(marker.letterId).status == PrintLetter.Status.CANCELLED);
        await().atMost(TestPrint.WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM processed_message WHERE consumer = 'print-center-service.letters-cancelled'").getSingleResult())
                .intValue() >= 3));
        assertEquals(PrintLetter.Status.IN_PRINT, print.letter(keep.letterId).status, "a letter in a closed batch stays");
    }

    @Test
    void aPollOfDecisionsIsAskedOnceAndTakesEachInTurn() {
        LetterSubmitted backAndForth = plain(PostageClass.B, 1);
        LetterSubmitted cancelledFirst = plain(PostageClass.B, 1);
        LetterSubmitted digitalOnly = plain(PostageClass.B, 1);
        LetterCancelled cancellation = new LetterCancelled(UUID.randomUUID(), Instant.now(), cancelledFirst.letterId(),
                Fixtures.DEPARTMENT, "sent by mistake");
        kafka.send(Topics.LETTERS_CANCELLED, cancelledFirst.letterId().toString(), cancellation);
        await().atMost(TestPrint.WAIT).until(() -> processed("print-center-service.letters-cancelled", cancellation.eventId()));

        LetterRouted first = routed(backAndForth, Channel.PRINT, 1);
        List<LetterRouted> poll = List.of(first, routed(digitalOnly, Channel.DIGITAL, 1), first, routed(backAndForth, Channel.DIGITAL, 2),
                routed(cancelledFirst, Channel.PRINT, 1), routed(backAndForth, Channel.PRINT, 3));
        DistributionSummary before = perTransaction();
        long transactionsBefore = before == null ? 0 : before.count();
        kafka.sendAsOneBatch(Topics.LETTERS_ROUTED, "poll-" + UUID.randomUUID(), poll.stream().map(KafkaTestClient::json).toList());

        await().atMost(TestPrint.WAIT).until(() -> poll.stream().allMatch(r -> processed(PrintRoutedConsumer.CONSUMER, r.eventId())));
        assertEquals(1, perTransaction().count() - transactionsBefore, "the poll is one transaction");
        PrintLetter queued = print.awaitLetter(backAndForth.letterId(), PrintLetter.Status.BATCHED);
        assertEquals(3, queued.routingSequence, "queued, routed away and back again, in the poll's order");
        assertEquals(null, print.letter(cancelledFirst.letterId()), "cancelled before its decision: not queued");
        assertEquals(null, print.letter(digitalOnly.letterId()), "a digital letter is never queued");
    }

    private static LetterRouted routed(LetterSubmitted l, Channel channel, int sequence) {
        return new LetterRouted(UUID.randomUUID(), Instant.now(), l.letterId(), l.department(), channel,
                channel == Channel.PRINT ? RoutingReason.NOT_REGISTERED : RoutingReason.REGISTERED, null, sequence, l, null);
    }

    private boolean processed(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !em.createNativeQuery(
                "SELECT 1 FROM processed_message WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getResultList().isEmpty());
    }

    private DistributionSummary perTransaction() {
        return MessagingMetrics.recordsPerTransaction(registry, PrintRoutedConsumer.CONSUMER);
    }
}
