package dk.brevrute.routing.decision;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.RegistrationChanged;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.Topics;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Retention of letter content: finished letters and letters untouched for the retention period lose
 * the recipient's CPR number and address but keep what was sent (ids, decisions, citizen key); letters
 * still in flight keep everything; a masked letter gets no further decision.
 */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class RetentionTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final AtomicInteger SERIAL = new AtomicInteger(3000);

    @Inject
    LetterRetention retention;

    @Inject
    RoutedLetterRepository letters;

    @Inject
    CitizenKey citizenKey;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String newCpr() {
        return String.format("0303%02d%04d", 50 + SERIAL.get() % 40, SERIAL.incrementAndGet());
    }

    /** A citizen's letter that also carries an address with the request. */
    static LetterSubmitted letter(String cpr, Instant notBefore) {
        LetterSubmitted s = Samples.submitted(new Recipient(Recipient.RecipientType.CPR, cpr, null,
                new PostalAddress("Karen Jensen", "Vestergade 7", null, "1456", "København K", "DK")), false);
        return new LetterSubmitted(s.eventId(), s.occurredAt(), s.letterId(), s.department(), s.senderReference(), null,
                s.recipient(), s.subject(), s.postageClass(), false, false, false, notBefore, null, null, s.document());
    }

    void register(String cpr, RegistrationStatus status) {
        String key = citizenKey.of(cpr);
        kafka.send(Topics.REGISTRATIONS_CHANGED, key, new RegistrationChanged(UUID.randomUUID(), Instant.now(), key, status, null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql("SELECT count(*) FROM registration WHERE citizen_key = '" + key
                + "' AND status = '" + status + "'") == 1);
    }

    RoutedLetter routed(LetterSubmitted letter) {
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
        return await().atMost(Duration.ofSeconds(30)).until(() -> row(letter.letterId()),
                r -> r != null && (r.state == RoutedLetter.State.ROUTED || r.state == RoutedLetter.State.HELD));
    }

    RoutedLetter row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RoutedLetter r = letters.findById(id);
            if (r != null) {
                letters.getEntityManager().detach(r);
            }
            return r;
        });
    }

    long sql(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) letters.getEntityManager().createNativeQuery(query).getSingleResult()).longValue());
    }

    void age(UUID id, Duration by) {
        QuarkusTransaction.requiringNew().run(() -> letters.getEntityManager()
                .createNativeQuery("UPDATE routing_letter SET updated_at = updated_at - make_interval(secs => ?1) WHERE letter_id = ?2")
                .setParameter(1, (double) by.toSeconds()).setParameter(2, id).executeUpdate());
    }

    void awaitProcessed(String consumer, UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sql("SELECT count(*) FROM processed_message WHERE consumer = '" + consumer
                + "' AND event_id = '" + eventId + "'") == 1);
    }

    static void assertMasked(RoutedLetter r, String cpr) {
        assertNotNull(r.contentStrippedAt, "content masked");
        assertFalse(r.letter.contains(cpr), "no CPR number left");
        assertFalse(r.letter.contains(cpr.substring(6)), "not even its last four digits");
        assertTrue(r.letter.contains(cpr.substring(0, 6) + "-****"), "masked DDMMYY-****");
        assertFalse(r.letter.contains("Karen Jensen") || r.letter.contains("Vestergade"), "no name or street");
        assertTrue(r.letter.contains("1456"), "the postcode stays");
        assertTrue(r.letter.contains(r.letterId.toString()), "the letter's id stays");
    }

    @Test
    void finishedAndOldLettersAreMaskedInFlightOnesAreKeptAndMaskedOnesAreNeverDecidedAgain() {
        // Read digital letter: finished.
        String readCpr = newCpr();
        register(readCpr, RegistrationStatus.REGISTERED);
        LetterSubmitted read = letter(readCpr, null);
        assertEquals(Channel.DIGITAL, routed(read).routedChannel);
        UUID readEvent = UUID.randomUUID();
        kafka.send(Topics.LETTERS_READ, read.letterId().toString(), new LetterRead(readEvent, Instant.now(), read.letterId(), "BUF",
                Instant.now(), "tx"));
        awaitProcessed("routing-service.letters-read", readEvent);

        // Paper letters: one fresh (the print centre may still re-check it), one untouched for 31 days.
        String paperCpr = newCpr();
        register(paperCpr, RegistrationStatus.UNREGISTERED);
        LetterSubmitted fresh = letter(paperCpr, null);
        LetterSubmitted old = letter(paperCpr, null);
        assertEquals(Channel.PRINT, routed(fresh).routedChannel);
        assertEquals(Channel.PRINT, routed(old).routedChannel);
        age(old.letterId(), Duration.ofDays(31));

        // A letter held for next week, untouched for long: in flight, kept.
        LetterSubmitted held = letter(newCpr(), Instant.now().plus(7, ChronoUnit.DAYS));
        assertEquals(RoutedLetter.State.HELD, routed(held).state);
        age(held.letterId(), Duration.ofDays(60));

        // Cancelled before routing saw it: nothing but the id to keep.
        UUID cancelledId = UUID.randomUUID();
        UUID cancelEvent = UUID.randomUUID();
        kafka.send(Topics.LETTERS_CANCELLED, cancelledId.toString(), new LetterCancelled(cancelEvent, Instant.now(), cancelledId, "BUF", "mistake"));
        awaitProcessed("routing-service.letters-cancelled", cancelEvent);

        assertTrue(retention.run(Instant.now()) >= 3);

        RoutedLetter readRow = row(read.letterId());
        assertMasked(readRow, readCpr);
        assertEquals(citizenKey.of(readCpr), readRow.citizenKey, "the citizen key stays for access requests");
        assertEquals(1, sql("SELECT count(*) FROM routing_decision WHERE letter_id = '" + read.letterId() + "'"), "decisions stay");

        RoutedLetter oldRow = row(old.letterId());
        assertMasked(oldRow, paperCpr);
        assertEquals(citizenKey.of(paperCpr), oldRow.citizenKey);

        RoutedLetter freshRow = row(fresh.letterId());
        assertNull(freshRow.contentStrippedAt, "a fresh paper letter keeps its content");
        assertTrue(freshRow.letter.contains(paperCpr));
        RoutedLetter heldRow = row(held.letterId());
        assertNull(heldRow.contentStrippedAt, "a held letter is in flight");
        assertTrue(heldRow.letter.contains(held.recipient().cpr()));
        assertNotNull(row(cancelledId).contentStrippedAt);

        // A failure reported for the masked digital letter: no paper copy (it would carry no CPR number).
        UUID failEvent = UUID.randomUUID();
        kafka.send(Topics.DELIVERY_FAILED, read.letterId().toString(), new DeliveryFailed(failEvent, Instant.now(), read.letterId(),
                "BUF", Channel.DIGITAL, FailureKind.PERMANENT, "mailbox closed", 1));
        awaitProcessed("routing-service.delivery-failed", failEvent);
        assertEquals(1, sql("SELECT count(*) FROM routing_decision WHERE letter_id = '" + read.letterId() + "'"), "no fallback decision");

        // A second run finds nothing new of these: masked once.
        Instant strippedAt = row(old.letterId()).contentStrippedAt;
        retention.run(Instant.now());
        assertEquals(strippedAt, row(old.letterId()).contentStrippedAt);
    }
}
