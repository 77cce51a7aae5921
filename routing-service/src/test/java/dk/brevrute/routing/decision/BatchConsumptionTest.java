package dk.brevrute.routing.decision;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * letters.submitted.v1 is consumed a poll at a time, in one transaction ({@code batch=true}): a poll
 * that holds good letters, a redelivered event, a record that does not parse and a letter whose
 * transaction fails must still route every good letter exactly once and dead-letter exactly the two
 * bad records. The records go out in one producer batch with one key, so the broker stores them as
 * one record batch and routing reads them in one poll. A poll of good letters only is one transaction,
 * which the consumer's records-per-transaction meter reports.
 */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class BatchConsumptionTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    MeterRegistry registry;

    @Inject
    RoutedLetterRepository letters;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aPollWithPoisonAFailingLetterAndARedeliveryRoutesEveryGoodLetterOnce() {
        List<LetterSubmitted> good = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Forced to paper: decided without a look-up, so the test needs no SF1601 answers.
            good.add(Samples.submitted(Samples.citizen(String.format("0202%02d%04d", 60 + i, 4100 + i)), true));
        }
        LetterSubmitted s = Samples.submitted(Samples.citizen("0303651234"), true);
        // No department: valid JSON and a valid recipient, but routing's NOT NULL column refuses it in the transaction.
        LetterSubmitted failing = new LetterSubmitted(s.eventId(), s.occurredAt(), s.letterId(), null, s.senderReference(), null,
                s.recipient(), s.subject(), s.postageClass(), true, false, false, null, null, null, s.document());
        String poisonKey = "not-json-" + UUID.randomUUID();

        String key = "batch-" + UUID.randomUUID();
        List<String> values = new ArrayList<>();
        values.add(KafkaTestClient.json(good.get(0)));
        values.add(KafkaTestClient.json(good.get(1)));
        values.add("{\"eventId\": \"" + poisonKey + "\", this is not JSON");
        values.add(KafkaTestClient.json(good.get(2)));
        values.add(KafkaTestClient.json(failing));
        values.add(KafkaTestClient.json(good.get(3)));
        values.add(KafkaTestClient.json(good.get(1))); // the same event again: a redelivery within the poll
        values.add(KafkaTestClient.json(good.get(4)));
        values.add(KafkaTestClient.json(good.get(5)));
        kafka.sendAsOneBatch(Topics.LETTERS_SUBMITTED, key, values);

        Set<String> goodIds = good.stream().map(l -> l.letterId().toString()).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> routed = kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(60),
                records -> records.stream().map(ConsumerRecord::key).filter(goodIds::contains).distinct().count() == goodIds.size());
        Map<String, Long> decisions = routed.stream().map(ConsumerRecord::key).filter(goodIds::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(goodIds, decisions.keySet(), "every good letter of the poll is routed");
        // Give a second decision (a redelivery processed twice) time to appear, then check there is none.
        List<ConsumerRecord<String, String>> later = kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(3), records -> false);
        later.stream().map(ConsumerRecord::key).filter(goodIds::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .forEach((letter, count) -> assertEquals(1L, count, "one decision for letter " + letter));
        assertEquals(0, later.stream().filter(r -> r.key().equals(failing.letterId().toString())).count(),
                "the failing letter is not routed");

        String dlq = Topics.dlq(Topics.LETTERS_SUBMITTED, "routing-service");
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(dlq, Duration.ofSeconds(30),
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= 2);
        List<ConsumerRecord<String, String>> ours = dead.stream().filter(r -> key.equals(r.key())).toList();
        assertEquals(2, ours.size(), "exactly the unparsable record and the failing letter are dead-lettered");
        assertEquals(1, ours.stream().filter(r -> r.value().contains(poisonKey)).count(), "the unparsable record");
        assertEquals(1, ours.stream().filter(r -> r.value().contains(failing.eventId().toString())).count(), "the failing letter");
        ours.forEach(r -> assertNotNull(KafkaTestClient.header(r, "dead-letter-reason"), "each with its reason"));
    }

    @Test
    void aPollOfGoodLettersCommitsAsOneTransaction() {
        DistributionSummary before = perTransaction();
        long countBefore = before == null ? 0 : before.count();
        double recordsBefore = before == null ? 0 : before.totalAmount();
        List<LetterSubmitted> letters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            letters.add(Samples.submitted(Samples.citizen(String.format("0404%02d%04d", 70 + i, 4200 + i)), true));
        }
        kafka.sendAsOneBatch(Topics.LETTERS_SUBMITTED, "together-" + UUID.randomUUID(), letters.stream().map(KafkaTestClient::json).toList());

        Set<String> ids = letters.stream().map(l -> l.letterId().toString()).collect(Collectors.toSet());
        kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(60),
                records -> records.stream().map(ConsumerRecord::key).filter(ids::contains).distinct().count() == ids.size());
        DistributionSummary after = perTransaction();
        assertNotNull(after, "the consumer reports records per transaction");
        assertEquals(1, after.count() - countBefore, "one transaction for the poll");
        assertEquals(5.0, after.totalAmount() - recordsBefore, "holding its five letters");
    }

    /**
     * A poll asks in one statement which of its letters routing has already. A letter submitted again
     * under a new event, whether in the same poll or after an earlier one, still gets one decision.
     */
    @Test
    void aLetterSubmittedAgainUnderANewEventInTheSamePollOrLaterIsRoutedOnce() {
        LetterSubmitted earlier = paperLetter("0505715001");
        kafka.send(Topics.LETTERS_SUBMITTED, earlier.letterId().toString(), earlier);
        kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(60),
                records -> records.stream().anyMatch(r -> r.key().equals(earlier.letterId().toString())));

        LetterSubmitted a = paperLetter("0505715002");
        LetterSubmitted b = paperLetter("0505715003");
        List<LetterSubmitted> poll = List.of(a, again(earlier), b, again(a));
        kafka.sendAsOneBatch(Topics.LETTERS_SUBMITTED, "again-" + UUID.randomUUID(), poll.stream().map(KafkaTestClient::json).toList());

        Set<String> ids = Set.of(earlier.letterId().toString(), a.letterId().toString(), b.letterId().toString());
        kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(60), records -> records.stream().map(ConsumerRecord::key)
                .filter(k -> k.equals(a.letterId().toString()) || k.equals(b.letterId().toString())).distinct().count() == 2);
        // Give a second decision time to appear, then count.
        Map<String, Long> decisions = kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(3), records -> false).stream()
                .map(ConsumerRecord::key).filter(ids::contains).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of(earlier.letterId().toString(), 1L, a.letterId().toString(), 1L, b.letterId().toString(), 1L), decisions,
                "one decision per letter");
    }

    /** A poll's read receipts lock their letters together; each letter takes its own, an unknown letter's is ignored. */
    @Test
    void aPollOfReadReceiptsMarksEachOfItsLettersRead() {
        List<LetterSubmitted> routed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            routed.add(paperLetter("06067150" + (10 + i)));
        }
        kafka.sendAsOneBatch(Topics.LETTERS_SUBMITTED, "to-read-" + UUID.randomUUID(), routed.stream().map(KafkaTestClient::json).toList());
        Set<String> ids = routed.stream().map(l -> l.letterId().toString()).collect(Collectors.toSet());
        kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(60),
                records -> records.stream().map(ConsumerRecord::key).filter(ids::contains).distinct().count() == ids.size());

        Instant readAt = Instant.parse("2026-03-02T08:15:00Z");
        UUID unknown = UUID.randomUUID();
        List<LetterRead> reads = new ArrayList<>();
        routed.forEach(l -> reads.add(new LetterRead(UUID.randomUUID(), Instant.now(), l.letterId(), l.department(), readAt, "tx")));
        reads.add(1, new LetterRead(UUID.randomUUID(), Instant.now(), unknown, "BUF", readAt, "tx"));
        kafka.sendAsOneBatch(Topics.LETTERS_READ, "reads-" + UUID.randomUUID(), reads.stream().map(KafkaTestClient::json).toList());

        for (LetterSubmitted l : routed) {
            await().atMost(Duration.ofSeconds(30)).until(() -> readAt(l.letterId()), readAt::equals);
        }
        assertNull(QuarkusTransaction.requiringNew().call(() -> letters.findById(unknown)), "a read receipt does not make a letter");
    }

    private static LetterSubmitted paperLetter(String cpr) {
        return Samples.submitted(Samples.citizen(cpr), true);
    }

    /** The same letter in a new event. */
    private static LetterSubmitted again(LetterSubmitted l) {
        return new LetterSubmitted(UUID.randomUUID(), Instant.now(), l.letterId(), l.department(), l.senderReference(), l.unit(),
                l.recipient(), l.subject(), l.postageClass(), l.forcePaper(), l.mandatory(), l.legalNotification(), l.notBefore(),
                l.printIfUnreadAfterDays(), l.costCentre(), l.document());
    }

    private Instant readAt(UUID letterId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutedLetter r = letters.findById(letterId);
            return r == null ? null : r.readAt;
        });
    }

    private DistributionSummary perTransaction() {
        return MessagingMetrics.recordsPerTransaction(registry, "routing-service.letters-submitted");
    }
}
