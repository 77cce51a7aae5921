package dk.brevrute.print.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Topics;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Tariff versions from the topic are kept by date; one without rates goes to the dead-letter topic. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class TariffConsumerTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    Tariffs tariffs;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void versionsByDateAndPoisonToTheDeadLetterTopic() {
        kafka.send(Topics.TARIFFS_PUBLISHED, "t-1990", Fixtures.tariff("t-1990", LocalDate.of(1990, 1, 1), "5.00"));
        kafka.send(Topics.TARIFFS_PUBLISHED, "t-1995", Fixtures.tariff("t-1995", LocalDate.of(1995, 7, 1), "6.00"));
        Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> tariffs.inForce(LocalDate.of(1995, 7, 1)).isPresent() && tariffs.inForce(LocalDate.of(1995, 7, 1)).get().id().equals("t-1995")));
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals("t-1990", tariffs.inForce(LocalDate.of(1995, 6, 30)).orElseThrow().id(), "the day before the change");
            assertEquals("t-1995", tariffs.inForce(LocalDate.of(1995, 7, 1)).orElseThrow().id(), "from the day of the change");
        });

        String id = UUID.randomUUID().toString();
        kafka.sendRaw(Topics.TARIFFS_PUBLISHED, "broken", "{\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                + "\"tariffId\":\"broken\",\"effectiveFrom\":\"2026-01-01\",\"postage\":[],\"envelopes\":[]}", Map.of());
        String dlq = Topics.dlq(Topics.TARIFFS_PUBLISHED, "print-center-service");
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(dlq, java.time.Duration.ofSeconds(30),
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)));
        ConsumerRecord<String, String> r = dead.stream().filter(x -> x.value().contains(id)).findFirst().orElseThrow();
        assertNotNull(KafkaTestClient.header(r, "dead-letter-reason"));
    }
}
