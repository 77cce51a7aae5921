package dk.brevrute.routing.decision;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.client.WireMock;
import dk.brevrute.events.Channel;
import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterCancelled;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.LetterRouted;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.RegistrationChanged;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Routing decisions over the real broker and database, with SF1601 simulated at the protocol level. */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class RoutingFlowTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final AtomicInteger SERIAL = new AtomicInteger(1000);
    static final WireMock SF1601 = RoutingTestResources.sf1601();

    @Inject
    CitizenKey citizenKey;

    @Inject
    RoutedLetterRepository letters;

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** A fresh, date-valid CPR number for each test, so tests never share a citizen. */
    static String newCpr() {
        return String.format("0101%02d%04d", 50 + SERIAL.get() % 40, SERIAL.incrementAndGet());
    }

    static LetterSubmitted letter(String cpr, Instant notBefore, Integer printIfUnreadAfterDays) {
        LetterSubmitted s = Samples.submitted(Samples.citizen(cpr), false);
        return new LetterSubmitted(s.eventId(), s.occurredAt(), s.letterId(), s.department(), s.senderReference(), null,
                s.recipient(), s.subject(), s.postageClass(), false, false, false, notBefore, printIfUnreadAfterDays, null, s.document());
    }

    void submit(LetterSubmitted letter) {
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
    }

    void register(String cpr, RegistrationStatus status, LocalDate exemptUntil) {
        String key = citizenKey.of(cpr);
        kafka.send(Topics.REGISTRATIONS_CHANGED, key, new RegistrationChanged(UUID.randomUUID(), Instant.now(), key, status,
                exemptUntil, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) letters.getEntityManager().createNativeQuery("SELECT count(*) FROM registration WHERE citizen_key = ?1 AND status = ?2")
                        .setParameter(1, key).setParameter(2, status.name()).getSingleResult()).intValue() == 1));
    }

    static void sf1601Answers(String cpr, boolean registered) {
        SF1601.register(get(urlPathEqualTo("/service/PostForespoerg_1/digitalpost")).withQueryParam("cprNumber", equalTo(cpr))
                .willReturn(okJson("{\"result\": " + registered + "}")));
    }

    static void sf1601Fails(String cpr) {
        SF1601.register(get(urlPathEqualTo("/service/PostForespoerg_1/digitalpost")).withQueryParam("cprNumber", equalTo(cpr))
                .willReturn(aResponse().withStatus(503)));
    }

    /** Waits until the letter has {@code count} decisions on letters.routed.v1 and returns them in order. */
    static List<LetterRouted> decisions(UUID letterId, int count) {
        return decisions(letterId, count, Duration.ofSeconds(30));
    }

    /** All decisions of a letter so far; for checks that no more come, once their cause was consumed. */
    static List<LetterRouted> decisionsNow(UUID letterId) {
        return decisions(letterId, Integer.MAX_VALUE, Duration.ofSeconds(2));
    }

    static List<LetterRouted> decisions(UUID letterId, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.LETTERS_ROUTED, timeout,
                records -> records.stream().filter(r -> r.key().equals(letterId.toString())).count() >= count);
        return seen.stream().filter(r -> r.key().equals(letterId.toString()))
                .map(r -> KafkaTestClient.parse(r.value(), LetterRouted.class)).toList();
    }

    static void assertDecision(LetterRouted routed, int sequence, Channel channel, RoutingReason reason) {
        assertEquals(sequence, routed.sequence());
        assertEquals(channel, routed.channel());
        assertEquals(reason, routed.reason());
    }

    @Test
    void unknownCitizenIsLookedUpInSf1601OnceAndTheAnswerCached() {
        String cpr = newCpr();
        sf1601Answers(cpr, true);
        Instant before = Instant.now();
        LetterSubmitted first = letter(cpr, null, null);
        submit(first);
        LetterRouted firstDecision = decisions(first.letterId(), 1).get(0);
        assertDecision(firstDecision, 1, Channel.DIGITAL, RoutingReason.REGISTERED);
        LetterSubmitted second = letter(cpr, null, null);
        submit(second);
        LetterRouted secondDecision = decisions(second.letterId(), 1).get(0);
        assertDecision(secondDecision, 1, Channel.DIGITAL, RoutingReason.REGISTERED);
        // The gateway trusts a recent SF1601 answer: each decision says when SF1601 gave the one it rests on.
        assertTrue(firstDecision.registrationCheckedAt() != null && !firstDecision.registrationCheckedAt().isBefore(before.minusSeconds(1)),
                "SF1601's answer time: " + firstDecision.registrationCheckedAt());
        assertEquals(firstDecision.registrationCheckedAt().toEpochMilli(), secondDecision.registrationCheckedAt().toEpochMilli(),
                "the remembered answer keeps the time SF1601 gave it");
        SF1601.verifyThat(1, getRequestedFor(urlPathEqualTo("/service/PostForespoerg_1/digitalpost"))
                .withQueryParam("cprNumber", equalTo(cpr)));
    }

    /**
     * A poll of letters for new citizens (routing's mass-mailing case): one registry read and one
     * SF1601 question per citizen, whatever the number of its letters in the poll, and the answers
     * remembered together, so a later letter asks SF1601 no more.
     */
    @Test
    void aPollsCitizensAreLookedUpTogetherOncePerCitizenAndRemembered() {
        String registered = newCpr();
        String unregistered = newCpr();
        String exempt = newCpr();
        sf1601Answers(registered, true);
        sf1601Answers(unregistered, false);
        register(exempt, RegistrationStatus.EXEMPT, null);
        List<LetterSubmitted> poll = List.of(letter(registered, null, null), letter(unregistered, null, null), letter(registered, null, null),
                letter(exempt, null, null));
        kafka.sendAsOneBatch(Topics.LETTERS_SUBMITTED, "poll-" + UUID.randomUUID(), poll.stream().map(KafkaTestClient::json).toList());

        assertDecision(decisions(poll.get(0).letterId(), 1).get(0), 1, Channel.DIGITAL, RoutingReason.REGISTERED);
        assertDecision(decisions(poll.get(1).letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.NOT_REGISTERED);
        assertDecision(decisions(poll.get(2).letterId(), 1).get(0), 1, Channel.DIGITAL, RoutingReason.REGISTERED);
        assertDecision(decisions(poll.get(3).letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.EXEMPT);
        LetterSubmitted later = letter(unregistered, null, null);
        submit(later);
        assertDecision(decisions(later.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.NOT_REGISTERED);
        for (String cpr : List.of(registered, unregistered)) {
            SF1601.verifyThat(1, getRequestedFor(urlPathEqualTo("/service/PostForespoerg_1/digitalpost")).withQueryParam("cprNumber", equalTo(cpr)));
        }
        SF1601.verifyThat(0, getRequestedFor(urlPathEqualTo("/service/PostForespoerg_1/digitalpost")).withQueryParam("cprNumber", equalTo(exempt)));
    }

    @Test
    void registrationAfterThePaperDecisionMovesTheLetterToDigitalOnRecheck() {
        String cpr = newCpr();
        sf1601Answers(cpr, false);
        LetterSubmitted letter = letter(cpr, null, null);
        submit(letter);
        assertDecision(decisions(letter.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.NOT_REGISTERED);

        String service = BrevruteInfrastructure.tokens().issue("print-center-service", null, List.of("service"));
        given().auth().oauth2(service).contentType(ContentType.JSON).body(Map.of("letterIds", List.of(letter.letterId())))
                .post("/internal/v1/routing/recheck").then().statusCode(200)
                .body("decisions[0].channel", is("PRINT")).body("decisions[0].reason", is("NOT_REGISTERED"));

        register(cpr, RegistrationStatus.REGISTERED, null);
        given().auth().oauth2(service).contentType(ContentType.JSON).body(Map.of("letterIds", List.of(letter.letterId())))
                .post("/internal/v1/routing/recheck").then().statusCode(200)
                .body("decisions[0].channel", is("DIGITAL")).body("decisions[0].reason", is("REGISTERED"));
        List<LetterRouted> routed = decisions(letter.letterId(), 2);
        assertEquals(2, routed.size());
        assertDecision(routed.get(1), 2, Channel.DIGITAL, RoutingReason.REGISTERED);

        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("x", "BUF", List.of("sender"))).contentType(ContentType.JSON)
                .body(Map.of("letterIds", List.of(letter.letterId()))).post("/internal/v1/routing/recheck").then().statusCode(403);
    }

    /**
     * A re-check of several letters runs them in one transaction (rows locked together, registrations
     * read together), and still decides each on its own: the citizen who registered gets digital, the
     * one still unregistered and the letter forced to paper stay on paper, an unknown letter has no
     * answer, and a letter asked twice answers twice with one new decision.
     */
    @Test
    void aRecheckOfSeveralLettersDecidesEachOnItsOwn() {
        String registers = newCpr();
        String stays = newCpr();
        sf1601Answers(registers, false);
        sf1601Answers(stays, false);
        LetterSubmitted a = letter(registers, null, null);
        LetterSubmitted b = letter(stays, null, null);
        LetterSubmitted forced = Samples.submitted(Samples.citizen(newCpr()), true);
        submit(a);
        submit(b);
        submit(forced);
        assertDecision(decisions(a.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.NOT_REGISTERED);
        assertDecision(decisions(b.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.NOT_REGISTERED);
        assertDecision(decisions(forced.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.FORCED_PAPER);
        register(registers, RegistrationStatus.REGISTERED, null);

        String service = BrevruteInfrastructure.tokens().issue("print-center-service", null, List.of("service"));
        UUID unknown = UUID.randomUUID();
        given().auth().oauth2(service).contentType(ContentType.JSON)
                .body(Map.of("letterIds", List.of(a.letterId(), b.letterId(), forced.letterId(), unknown, a.letterId())))
                .post("/internal/v1/routing/recheck").then().statusCode(200)
                .body("decisions.letterId", contains(a.letterId().toString(), b.letterId().toString(), forced.letterId().toString(),
                        a.letterId().toString()))
                .body("decisions.channel", contains("DIGITAL", "PRINT", "PRINT", "DIGITAL"))
                .body("decisions.reason", contains("REGISTERED", "NOT_REGISTERED", "FORCED_PAPER", "REGISTERED"));
        List<LetterRouted> routed = decisions(a.letterId(), 2);
        assertDecision(routed.get(1), 2, Channel.DIGITAL, RoutingReason.REGISTERED);
        assertEquals(2, decisionsNow(a.letterId()).size(), "one new decision for the letter asked twice");
        assertEquals(1, decisionsNow(b.letterId()).size());
        assertEquals(1, decisionsNow(forced.letterId()).size());
    }

    @Test
    void exemptionsWithAndWithoutExpiry() {
        String expired = newCpr();
        register(expired, RegistrationStatus.EXEMPT, LocalDate.now().minusDays(2));
        String exempt = newCpr();
        register(exempt, RegistrationStatus.EXEMPT, LocalDate.now().plusDays(30));
        LetterSubmitted a = letter(expired, null, null);
        LetterSubmitted b = letter(exempt, null, null);
        submit(a);
        submit(b);
        LetterRouted fromRegistry = decisions(a.letterId(), 1).get(0);
        assertDecision(fromRegistry, 1, Channel.DIGITAL, RoutingReason.REGISTERED);
        assertEquals(null, fromRegistry.registrationCheckedAt(), "the registry's knowledge is no SF1601 answer: the gateway asks");
        assertDecision(decisions(b.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.EXEMPT);
    }

    /**
     * One outage after the other: the circuit breaker guards SF1601 as a whole, so while one citizen's
     * look-ups still fail they keep it open for every other citizen, as a real outage would.
     */
    @Test
    void lookupOutageWaitsThenPrintsAfterTheDeadlineOrRoutesWhenItRecovers() {
        String staysDown = newCpr();
        sf1601Fails(staysDown);
        LetterSubmitted b = letter(staysDown, null, null);
        submit(b);
        awaitWaiting(b);
        // The test profile prints after a few seconds of outage (routing.lookup.print-after).
        assertDecision(decisions(b.letterId(), 1).get(0), 1, Channel.PRINT, RoutingReason.LOOKUP_UNAVAILABLE);

        String recovers = newCpr();
        sf1601Fails(recovers);
        LetterSubmitted a = letter(recovers, null, null);
        submit(a);
        awaitWaiting(a);
        sf1601Answers(recovers, true);
        assertDecision(decisions(a.letterId(), 1).get(0), 1, Channel.DIGITAL, RoutingReason.REGISTERED);
    }

    private void awaitWaiting(LetterSubmitted letter) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                letters.findByIdOptional(letter.letterId()).map(l -> l.state == RoutedLetter.State.WAITING_LOOKUP).orElse(false)));
    }

    @Test
    void permanentAndDeadlineFailuresFallBackToPrintOnceTransientDoesNot() {
        String cpr = newCpr();
        register(cpr, RegistrationStatus.REGISTERED, null);
        LetterSubmitted permanent = letter(cpr, null, null);
        LetterSubmitted transientOnly = letter(cpr, null, null);
        submit(permanent);
        submit(transientOnly);
        decisions(permanent.letterId(), 1);
        decisions(transientOnly.letterId(), 1);

        DeliveryFailed transientFailure = failed(transientOnly, FailureKind.TRANSIENT);
        kafka.send(Topics.DELIVERY_FAILED, transientOnly.letterId().toString(), transientFailure);
        DeliveryFailed first = failed(permanent, FailureKind.PERMANENT);
        kafka.send(Topics.DELIVERY_FAILED, permanent.letterId().toString(), first);
        kafka.send(Topics.DELIVERY_FAILED, permanent.letterId().toString(), first);
        DeliveryFailed lastFailure = failed(permanent, FailureKind.DEADLINE);
        kafka.send(Topics.DELIVERY_FAILED, permanent.letterId().toString(), lastFailure);

        List<LetterRouted> routed = decisions(permanent.letterId(), 2);
        LetterRouted fallback = routed.get(1);
        assertDecision(fallback, 2, Channel.PRINT, RoutingReason.DIGITAL_FAILED);
        assertEquals(FailureKind.PERMANENT, fallback.failureKind());
        await().atMost(Duration.ofSeconds(30)).until(() -> processedEvent("routing-service.delivery-failed", lastFailure.eventId())
                && processedEvent("routing-service.delivery-failed", transientFailure.eventId()));
        assertEquals(2, decisionsNow(permanent.letterId()).size(), "one fallback, never a second");
        assertEquals(1, decisionsNow(transientOnly.letterId()).size(), "a transient failure is no reason to print");
    }

    static DeliveryFailed failed(LetterSubmitted letter, FailureKind kind) {
        return new DeliveryFailed(UUID.randomUUID(), Instant.now(), letter.letterId(), letter.department(), Channel.DIGITAL, kind,
                kind == FailureKind.PERMANENT ? "recipient unknown to Digital Post" : "HTTP 503", 3);
    }

    @Test
    void unreadDigitalLettersGetAPaperCopyReadOnesDoNot() {
        String cpr = newCpr();
        register(cpr, RegistrationStatus.REGISTERED, null);
        LetterSubmitted unread = letter(cpr, null, 3);
        LetterSubmitted read = letter(cpr, null, 3);
        submit(unread);
        submit(read);
        decisions(unread.letterId(), 1);
        decisions(read.letterId(), 1);
        kafka.send(Topics.LETTERS_READ, read.letterId().toString(), new LetterRead(UUID.randomUUID(), Instant.now(), read.letterId(),
                "BUF", Instant.now(), "tx"));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                letters.findById(read.letterId()).readAt != null));
        // Three days pass: move both deadlines into the past.
        QuarkusTransaction.requiringNew().run(() -> letters.getEntityManager().createNativeQuery(
                "UPDATE routing_letter SET unread_deadline = now() - interval '1 second' WHERE letter_id IN (?1, ?2)")
                .setParameter(1, unread.letterId()).setParameter(2, read.letterId()).executeUpdate());

        assertDecision(decisions(unread.letterId(), 2).get(1), 2, Channel.PRINT, RoutingReason.UNREAD_DEADLINE);
        // The scheduler handles both letters in the same run (one query): by now the read one was passed over.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                letters.findById(unread.letterId()).fallbackDone));
        assertEquals(1, decisionsNow(read.letterId()).size(), "a read letter is not printed");
    }

    @Test
    void scheduledLettersAreHeldUntilNotBeforeAndCancelledOnesNeverRouted() {
        String cpr = newCpr();
        register(cpr, RegistrationStatus.REGISTERED, null);
        LetterSubmitted later = letter(cpr, Instant.now().plusSeconds(3), null);
        LetterSubmitted cancelled = letter(cpr, Instant.now().plusSeconds(3), null);
        submit(later);
        submit(cancelled);
        kafka.send(Topics.LETTERS_CANCELLED, cancelled.letterId().toString(), new LetterCancelled(UUID.randomUUID(), Instant.now(),
                cancelled.letterId(), "BUF", "sent by mistake"));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                letters.findByIdOptional(cancelled.letterId()).map(l -> l.state == RoutedLetter.State.CANCELLED).orElse(false)));
        assertTrue(decisions(later.letterId(), 1).stream().allMatch(r -> !r.occurredAt().isBefore(later.notBefore())),
                "not routed before notBefore");
        assertDecision(decisions(later.letterId(), 1).get(0), 1, Channel.DIGITAL, RoutingReason.REGISTERED);
        assertFalse(decisionsNow(cancelled.letterId()).size() > 0, "a cancelled held letter is never routed");
    }

    boolean processedEvent(String consumer, UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) letters.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM processed_message WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer).setParameter(2, eventId).getSingleResult()).longValue() == 1);
    }
}
