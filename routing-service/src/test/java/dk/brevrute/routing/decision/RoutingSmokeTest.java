package dk.brevrute.routing.decision;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.RegistrationChanged;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.routing.registry.RegistrationRepository;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Registrations and letters from the real broker through the production channels into PostgreSQL and back out. */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class RoutingSmokeTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    RegistrationRepository registrations;

    @Inject
    RoutingDecisionRepository decisions;

    @Inject
    CitizenKey citizenKey;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void registrationLandsInTheRegistryAndARegisteredCitizenGetsDigital() {
        String cpr = "1502851234";
        String key = citizenKey.of(cpr);
        kafka.send(Topics.REGISTRATIONS_CHANGED, key, new RegistrationChanged(UUID.randomUUID(), Instant.now(), key,
                RegistrationStatus.REGISTERED, null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> registrations.byCitizenKey(key).isPresent()));

        LetterSubmitted letter = Samples.submitted(Samples.citizen(cpr), false);
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);

        List<ConsumerRecord<String, String>> routed = kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals(letter.letterId().toString())));
        List<LetterRouted> forLetter = routed.stream().filter(r -> r.key().equals(letter.letterId().toString()))
                .map(r -> KafkaTestClient.parse(r.value(), LetterRouted.class)).toList();
        assertEquals(1, forLetter.size(), "a redelivered letter is routed once");
        assertEquals(Channel.DIGITAL, forLetter.get(0).channel());
        assertEquals(RoutingReason.REGISTERED, forLetter.get(0).reason());
        assertEquals(letter.document().sha256(), forLetter.get(0).letter().document().sha256());
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> decisions.forLetter(letter.letterId())).size());
        for (ConsumerRecord<String, String> r : routed) {
            assertFalse(r.key().contains(cpr), "no CPR number in keys");
        }
    }

    @Test
    void anOlderRegistrationChangeNeverOverwritesANewerOne() {
        String key = citizenKey.of("0203041234");
        Instant now = Instant.now();
        kafka.send(Topics.REGISTRATIONS_CHANGED, key, new RegistrationChanged(UUID.randomUUID(), now, key,
                RegistrationStatus.EXEMPT, null, now));
        RegistrationChanged stale = new RegistrationChanged(UUID.randomUUID(), now, key,
                RegistrationStatus.REGISTERED, null, now.minusSeconds(3600));
        kafka.send(Topics.REGISTRATIONS_CHANGED, key, stale);
        // Wait until the stale change itself has been consumed, then check it changed nothing.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> ((Number) registrations.getEntityManager().createNativeQuery(
                        "SELECT count(*) FROM processed_message WHERE consumer = 'routing-service.registrations-changed' AND event_id = ?1")
                        .setParameter(1, stale.eventId()).getSingleResult()).intValue() == 1));
        assertEquals(RegistrationStatus.EXEMPT, QuarkusTransaction.requiringNew().call(
                () -> registrations.byCitizenKey(key).orElseThrow().status()));
    }
}
