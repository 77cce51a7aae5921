package dk.brevrute.ledger.booking;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The production letters-delivered channel books a real event from the real broker into PostgreSQL. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class DeliveryBookingSmokeTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    BookingRepository bookings;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static LetterDelivered delivered(UUID letterId, Channel channel) {
        return new LetterDelivered(UUID.randomUUID(), Instant.now(), letterId, "BUF", "BUF-1200", channel,
                Instant.now(), "tx-" + letterId, 2, PostageClass.B, "DK",
                channel == Channel.PRINT ? new BigDecimal("12.00") : null,
                channel == Channel.PRINT ? new BigDecimal("1.40") : null,
                channel == Channel.DIGITAL ? new BigDecimal("0.35") : null, "2026-01");
    }

    @Test
    void bookingLandsInPostgres() {
        UUID letterId = UUID.randomUUID();
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), delivered(letterId, Channel.DIGITAL));

        await().atMost(Duration.ofSeconds(30)).until(() -> inTx(() -> bookings.forLetter(letterId)).size() == 1);
        Booking b = inTx(() -> bookings.forLetter(letterId)).get(0);
        assertEquals("BUF", b.department);
        assertEquals(Channel.DIGITAL, b.channel);
        assertEquals(0, new BigDecimal("0.35").compareTo(b.digitalFee));
    }

    @Test
    void redeliveredEventAndSecondEventForSameChannelBookOnce() {
        UUID letterId = UUID.randomUUID();
        LetterDelivered first = delivered(letterId, Channel.PRINT);
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), first);
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), first);
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), delivered(letterId, Channel.PRINT));
        // A marker on the same key (same partition) proves the three before it were processed.
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), delivered(letterId, Channel.DIGITAL));

        await().atMost(Duration.ofSeconds(30)).until(() -> inTx(() -> bookings.forLetter(letterId)).size() == 2);
        List<Booking> booked = inTx(() -> bookings.forLetter(letterId));
        assertEquals(1, booked.stream().filter(b -> b.channel == Channel.PRINT).count());
        assertEquals(first.eventId(), booked.stream().filter(b -> b.channel == Channel.PRINT).findFirst().orElseThrow().eventId);
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicAndConsumerCarriesOn() {
        UUID letterId = UUID.randomUUID();
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.sendRaw(Topics.LETTERS_DELIVERED, poisonKey, "{\"eventId\": \"not-a-uuid\", \"cpr\": \"0101901234\"", Map.of());
        kafka.send(Topics.LETTERS_DELIVERED, letterId.toString(), delivered(letterId, Channel.DIGITAL));

        await().atMost(Duration.ofSeconds(30)).until(() -> inTx(() -> bookings.forLetter(letterId)).size() == 1);
        String dlq = Topics.dlq(Topics.LETTERS_DELIVERED, "savings-ledger");
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(dlq, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> poisonKey.equals(r.key())));
        ConsumerRecord<String, String> record = dead.stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
        String reason = KafkaTestClient.header(record, "dead-letter-reason");
        assertNotNull(reason, "the reason travels in a header");
        assertTrue(reason.contains("not JSON") || reason.contains("not a valid"), reason);
        assertTrue(!reason.contains("0101901234"), "the reason never quotes the payload");
    }

    static <T> T inTx(java.util.concurrent.Callable<T> call) {
        return QuarkusTransaction.requiringNew().call(call);
    }
}
