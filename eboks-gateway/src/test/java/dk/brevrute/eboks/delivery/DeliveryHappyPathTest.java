package dk.brevrute.eboks.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.brevrute.eboks.support.Events;
import dk.brevrute.eboks.support.Letters;
import dk.brevrute.eboks.support.Peers;
import dk.brevrute.eboks.support.WireMockPeers;
import dk.brevrute.eboks.tariff.Tariffs;
import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Schemas;
import dk.brevrute.events.TariffVersionPublished;
import dk.brevrute.events.Topics;
import dk.brevrute.simulator.memo.MemoValidator;
import dk.brevrute.testinfra.BrevruteTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The whole way of a DIGITAL letter over real HTTP and the real broker: the citizen's registration
 * re-checked (PostForespoerg), the document fetched from letter-intake with the service token and
 * verified, the MeMo message POSTed to KombiPostAfsend with the SF1601 headers, and
 * {@code LetterDelivered} published with the Digital Post fee of the tariff in force.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(WireMockPeers.class)
class DeliveryHappyPathTest extends DeliveryTestSupport {

    static final String CPR = "1512883417";

    @Inject
    Tariffs tariffs;

    static TariffVersionPublished tariff(String id, LocalDate from, String fee) {
        return new TariffVersionPublished(UUID.randomUUID(), Instant.now(), id, from, "Takster " + id, List.of(), List.of(),
                new BigDecimal("0.08"), new BigDecimal("0.35"), new BigDecimal("0.71"), new BigDecimal(fee), 5, "okf-test");
    }

    @Test
    void aCitizensLetterIsSentAsMeMoAndReportedDeliveredWithTheFeeInForce() throws Exception {
        String current = "happy-" + UUID.randomUUID();
        kafka.send(Topics.TARIFFS_PUBLISHED, current, tariff(current, LocalDate.of(2001, 1, 1), "0.55"));
        String future = "future-" + UUID.randomUUID();
        kafka.send(Topics.TARIFFS_PUBLISHED, future, tariff(future, LocalDate.of(2999, 1, 1), "9.99"));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(
                () -> tariffs.digitalPostFee(Instant.now()).map(f -> f.tariffId().equals(current)).orElse(false)));

        Letters.Letter letter = Letters.citizen(CPR);
        UUID tx = letter.transactionId();
        peers.document(letter);
        peers.registered(CPR, true);
        peers.accept(tx);
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());

        LetterDelivered delivered = Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class,
                Duration.ofSeconds(30));
        assertEquals(Channel.DIGITAL, delivered.channel());
        assertEquals(tx.toString(), delivered.transactionId());
        assertEquals("BUF", delivered.department());
        assertEquals("BUF-1200", delivered.costCentre());
        assertEquals(2, delivered.sheets(), "the pages the letter would have taken on paper");
        assertEquals(PostageClass.B, delivered.postageClass());
        assertEquals(0, new BigDecimal("0.55").compareTo(delivered.digitalFee()));
        assertEquals(current, delivered.tariffId());
        assertNotNull(delivered.deliveredAt());
        assertEquals(List.of(), Schemas.validate(delivered));

        // letter-intake was asked for exactly this document, by department, with the service token.
        List<LoggedRequest> fetches = peers.documentFetches(letter);
        assertEquals(1, fetches.size());
        assertEquals("BUF", fetches.get(0).queryParameter("department").firstValue());
        assertEquals(Peers.INTAKE_TOKEN, fetches.get(0).getHeader("Authorization"));
        // The registration was re-checked right before sending.
        List<LoggedRequest> lookUps = peers.lookUps(CPR);
        assertEquals(1, lookUps.size());
        assertEquals(Peers.SF1601_TOKEN, lookUps.get(0).getHeader("Authorization"));

        List<LoggedRequest> sends = peers.sends(tx);
        assertEquals(1, sends.size());
        LoggedRequest send = sends.get(0);
        assertTrue(send.getHeader("Content-Type").startsWith("application/xml"));
        assertEquals(Peers.SF1601_TOKEN, send.getHeader("Authorization"));
        OffsetDateTime.parse(send.getHeader("X-TransaktionsTid"));
        MemoValidator.ValidMemo memo = new MemoValidator().validateKombiRequest(send.getBody());
        assertEquals(letter.letterId(), memo.messageUuid());
        assertEquals("Afgørelse om pladsanvisning", memo.label());
        assertEquals(new MemoValidator.Party(CPR, "CPR", null), memo.recipient());
        assertEquals(new MemoValidator.Party("64942212", "CVR", "Københavns Kommune"), memo.sender());
        assertTrue(memo.mandatory());
        assertEquals(2, memo.mainDocumentFiles().get(0).pages());
        assertEquals("afgoerelse.pdf", memo.mainDocumentFiles().get(0).filename());

        DigitalDelivery d = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(letter.letterId()));
        assertEquals(DigitalDelivery.Status.DELIVERED, d.status);
        assertEquals(1, d.attempts);
        assertNull(d.recipientId, "the CPR number is not kept once the letter is delivered");
        // Nothing of the attempt stays open: a file handle left per letter stops the gateway after some
        // thousands of letters (the benchmark's 100,000-letter run found one per MeMo message sent).
        assertEquals(List.of(), openTemporaryFiles());

        // No CPR number in the log or the metrics; delivery metrics and the circuit breaker's state are there.
        assertFalse(Files.readString(Path.of("target/quarkus-test.log")).contains(CPR), "the CPR number was logged");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(CPR));
        assertFalse(metrics.contains(letter.letterId().toString()));
        assertTrue(metrics.contains("gateway_deliveries_total{outcome=\"delivered\"}"), "deliveries by outcome");
        assertTrue(metrics.contains("gateway_delivery_attempt_seconds_bucket"), "attempt latency histogram");
        assertTrue(metrics.contains("gateway_sf1601_circuit_state{breaker=\"sf1601-send\"}"), "circuit-breaker state");
        assertTrue(metrics.contains("ft_circuitbreaker_state_total"), "SmallRye Fault Tolerance metrics");
    }

    /** This JVM's open file handles on the gateway's temporary documents and MeMo messages (Linux /proc). */
    private static List<String> openTemporaryFiles() throws java.io.IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (java.io.IOException gone) {
                    return "";
                }
            }).filter(target -> target.contains("brevrute-memo-") || target.contains("brevrute-document-")).toList();
        }
    }

    /**
     * In a mass mailing routing asked SF1601 moments before: the gateway sends without asking again.
     * An answer older than gateway.sf1601.registration-check-max-age (5 minutes) is asked again.
     */
    @Test
    void aRegistrationRoutingJustAskedSf1601AboutIsNotAskedAgainAnOlderOneIs() {
        String fresh = "0204885512";
        String old = "0304886618";
        Letters.Letter justAsked = Letters.citizen(fresh);
        Letters.Letter askedLongAgo = Letters.citizen(old);
        for (Letters.Letter letter : List.of(justAsked, askedLongAgo)) {
            peers.document(letter);
            peers.accept(letter.transactionId());
        }
        peers.registered(fresh, true);
        peers.registered(old, true);
        kafka.send(Topics.LETTERS_ROUTED, justAsked.letterId().toString(), justAsked.routed(Instant.now().minusSeconds(2)));
        kafka.send(Topics.LETTERS_ROUTED, askedLongAgo.letterId().toString(), askedLongAgo.routed(Instant.now().minus(Duration.ofMinutes(6))));

        Events.first(kafka, Topics.LETTERS_DELIVERED, justAsked.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
        Events.first(kafka, Topics.LETTERS_DELIVERED, askedLongAgo.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
        assertEquals(0, peers.lookUps(fresh).size(), "routing's answer of two seconds ago is trusted");
        assertEquals(1, peers.lookUps(old).size(), "an answer six minutes old is asked again");
        assertEquals(1, peers.sends(justAsked.transactionId()).size());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("gateway_registration_checks_total{how=\"recent\"}"), "trusted answers are counted");
        assertTrue(metrics.contains("gateway_registration_checks_total{how=\"asked\"}"), "questions are counted");
    }

    @Test
    void aCompanyIsAddressedByCvrWithoutARegistrationLookUp() throws Exception {
        Letters.Letter letter = Letters.company();
        peers.document(letter);
        peers.accept(letter.transactionId());
        kafka.send(Topics.LETTERS_ROUTED, letter.letterId().toString(), letter.routed());

        Events.first(kafka, Topics.LETTERS_DELIVERED, letter.letterId(), LetterDelivered.class, Duration.ofSeconds(30));
        MemoValidator.ValidMemo memo = new MemoValidator().validateKombiRequest(peers.sends(letter.transactionId()).get(0).getBody());
        assertEquals(new MemoValidator.Party(Letters.CVR, "CVR", null), memo.recipient());
        assertEquals(0, peers.lookUps(Letters.CVR).size());
    }
}
