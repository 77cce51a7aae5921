package dk.brevrute.intake.request;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import dk.brevrute.events.Department;
import dk.brevrute.events.InlineDocument;
import dk.brevrute.events.LetterRejected;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Recipient;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.letter.LetterRepository;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A department's request on its real topic becomes a letter in PostgreSQL and a letter-submitted event, once. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class LetterRequestSmokeTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final Department BUF = Department.defaults().stream().filter(d -> d.id().equals("BUF")).findFirst().orElseThrow();

    @Inject
    LetterRepository letters;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static LetterRequested request(String ref, Recipient recipient, byte[] pdf) {
        return new LetterRequested(UUID.randomUUID(), Instant.now(), null, ref, recipient, "Afgørelse om pladsanvisning",
                PostageClass.B, null, null, null, null, null, "BUF-1200",
                new InlineDocument("afgoerelse.pdf", "application/pdf", Base64.getEncoder().encodeToString(pdf), null, null));
    }

    @Test
    void requestBecomesOneLetterAndOneSubmittedEvent() {
        String ref = "sag-" + UUID.randomUUID();
        LetterRequested request = request(ref, Samples.citizen("010190-1234"), SamplePdfs.letter(2));
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + ref, request);
        // The same request again (a new event id: the sender retried) is the same letter.
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + ref, new LetterRequested(UUID.randomUUID(), Instant.now(), "BUF", ref,
                request.recipient(), request.subject(), request.postageClass(), false, false, false, null, null,
                request.costCentre(), request.document()));

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> letters.byReference("BUF", ref).isPresent()));
        UUID letterId = QuarkusTransaction.requiringNew().call(() -> letters.byReference("BUF", ref).orElseThrow().id());

        List<ConsumerRecord<String, String>> submitted = kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals(letterId.toString())));
        List<LetterSubmitted> forLetter = submitted.stream().filter(r -> r.key().equals(letterId.toString()))
                .map(r -> KafkaTestClient.parse(r.value(), LetterSubmitted.class)).toList();
        assertEquals(1, forLetter.size());
        LetterSubmitted s = forLetter.get(0);
        assertEquals("BUF", s.department());
        assertEquals("0101901234", s.recipient().cpr(), "normalised without hyphen");
        assertEquals(2, s.document().pages());
        assertEquals(64, s.document().sha256().length());
        assertEquals("LetterSubmitted", KafkaTestClient.header(submitted.stream()
                .filter(r -> r.key().equals(letterId.toString())).findFirst().orElseThrow(), "brevrute-event-type"));

        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender")))
                .get("/api/v1/letters/" + letterId).then().statusCode(200)
                .body("status", equalTo("SUBMITTED"))
                .body("recipient", equalTo("010190-****"))
                .body("timeline[0].kind", equalTo("SUBMITTED"));
    }

    /**
     * Requests sent together (most likely one poll, whose sender references are looked up in one
     * statement; the outcome must be the same however they are polled): a reference twice in the burst
     * is one letter, a reference already taken by a different letter is rejected, the others are new.
     */
    @Test
    void requestsSentTogetherKeepEachSenderReferenceToOneLetter() {
        String taken = "sag-" + UUID.randomUUID();
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + taken, request(taken, Samples.citizen("010190-1234"), SamplePdfs.letter(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> letters.byReference("BUF", taken).isPresent()));

        String twice = "sag-" + UUID.randomUUID();
        List<String> fresh = List.of("sag-" + UUID.randomUUID(), "sag-" + UUID.randomUUID());
        LetterRequested first = request(twice, Samples.addressOnly(), SamplePdfs.letter(2));
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + twice, first);
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + taken, request(taken, Samples.addressOnly(), SamplePdfs.letter(3)));
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + twice, new LetterRequested(UUID.randomUUID(), Instant.now(), null, twice,
                first.recipient(), first.subject(), first.postageClass(), null, null, null, null, null, first.costCentre(),
                first.document()));
        fresh.forEach(ref -> kafka.send(Topics.lettersRequested(BUF), "BUF:" + ref, request(ref, Samples.addressOnly(), SamplePdfs.letter(1))));

        LetterRejected conflict = kafka.readUntil(Topics.LETTERS_REJECTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals("BUF:" + taken))).stream()
                .filter(r -> r.key().equals("BUF:" + taken)).map(r -> KafkaTestClient.parse(r.value(), LetterRejected.class))
                .findFirst().orElseThrow();
        assertEquals(List.of("REFERENCE_CONFLICT"), conflict.violations().stream().map(v -> v.code()).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> fresh.stream().allMatch(ref -> letters.byReference("BUF", ref).isPresent())
                        && letters.byReference("BUF", twice).isPresent()));
        UUID twiceId = QuarkusTransaction.requiringNew().call(() -> letters.byReference("BUF", twice).orElseThrow().id());
        List<ConsumerRecord<String, String>> submitted = kafka.readUntil(Topics.LETTERS_SUBMITTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals(twiceId.toString())));
        assertEquals(1, submitted.stream().filter(r -> r.key().equals(twiceId.toString())).count(), "one letter for a reference sent twice");
        assertFalse(kafka.readUntil(Topics.LETTERS_REJECTED, Duration.ofSeconds(2), seen -> false).stream()
                .anyMatch(r -> r.key().equals("BUF:" + twice)), "the repeated request is the same letter, not a conflict");
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> letters.count("senderReference", taken)),
                "the taken reference keeps its one letter");
    }

    @Test
    void invalidRequestIsRejectedWithEveryReason() {
        String ref = "sag-" + UUID.randomUUID();
        LetterRequested bad = new LetterRequested(UUID.randomUUID(), Instant.now(), "SOF", ref, Samples.citizen("3102901234"),
                "", PostageClass.A, null, null, null, null, null, null,
                new InlineDocument("x.pdf", "application/pdf", Base64.getEncoder().encodeToString(SamplePdfs.usLetter()), null, null));
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + ref, bad);

        List<ConsumerRecord<String, String>> rejected = kafka.readUntil(Topics.LETTERS_REJECTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals("BUF:" + ref)));
        LetterRejected r = rejected.stream().filter(x -> x.key().equals("BUF:" + ref)).map(x -> KafkaTestClient.parse(x.value(), LetterRejected.class))
                .findFirst().orElseThrow();
        assertEquals(ref, r.senderReference());
        List<String> codes = r.violations().stream().map(v -> v.code()).toList();
        assertEquals(List.of("DEPARTMENT_MISMATCH", "CPR_INVALID", "SUBJECT_MISSING", "DOCUMENT_NOT_A4"), codes);
        assertFalse(rejected.stream().anyMatch(x -> x.value().contains("3102901234")), "the rejection never quotes the CPR number");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> letters.byReference("BUF", ref).isEmpty()));
    }

    @Test
    void anInlineDocumentOverTheLimitIsRejectedWithAReasonNotDeadLettered() {
        String ref = "sag-" + UUID.randomUUID();
        // Fits the topic's max.message.bytes, but not intake.document.inline-max-bytes (1 MiB).
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + ref, request(ref, Samples.addressOnly(), new byte[1_050_000]));
        LetterRejected r = kafka.readUntil(Topics.LETTERS_REJECTED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(x -> x.key().equals("BUF:" + ref))).stream()
                .filter(x -> x.key().equals("BUF:" + ref)).map(x -> KafkaTestClient.parse(x.value(), LetterRejected.class))
                .findFirst().orElseThrow();
        assertEquals(List.of("DOCUMENT_INLINE_TOO_LARGE"), r.violations().stream().map(v -> v.code()).toList());
        assertTrue(r.violations().get(0).message().contains("POST /api/v1/documents"), "says how to send a large document");
    }

    @Test
    void unparseableRecordGoesToTheDeadLetterTopicAndTheNextRequestIsServed() {
        String poisonKey = "BUF:poison-" + UUID.randomUUID();
        kafka.sendRaw(Topics.lettersRequested(BUF), poisonKey, "<xml>not json</xml>", Map.of());
        String ref = "sag-" + UUID.randomUUID();
        kafka.send(Topics.lettersRequested(BUF), "BUF:" + ref, request(ref, Samples.addressOnly(), SamplePdfs.letter(1)));

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> letters.byReference("BUF", ref).isPresent()));
        String dlq = Topics.dlq(Topics.LETTERS_REQUESTED_FAMILY, "letter-intake");
        ConsumerRecord<String, String> dead = kafka.readUntil(dlq, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> poisonKey.equals(r.key())))
                .stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
        assertNotNull(KafkaTestClient.header(dead, "dead-letter-reason"));
    }
}
