package dk.brevrute.intake.letter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.RoutingReason;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.document.DocumentStore;
import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.kit.security.VerifiedTokens;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import dk.brevrute.testinfra.Samples;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST intake against the real database and broker, with real signed tokens. */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class LetterRestTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String BUF = token("BUF", "sender");
    static final String SOF = token("SOF", "sender");
    static final String PDF_B64 = Base64.getEncoder().encodeToString(SamplePdfs.letter(1));

    @Inject
    MeterRegistry registry;

    @Inject
    JWTParser parser;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String token(String department, String... roles) {
        return BrevruteInfrastructure.tokens().issue(department == null ? "someone" : department.toLowerCase() + "-system",
                department, List.of(roles));
    }

    static Map<String, Object> letter(String ref) {
        Map<String, Object> body = new HashMap<>();
        body.put("senderReference", ref);
        body.put("recipient", Map.of("cpr", "010190-1234"));
        body.put("subject", "Afgørelse om pladsanvisning");
        body.put("postageClass", "B");
        body.put("document", Map.of("filename", "afgoerelse.pdf", "contentBase64", PDF_B64));
        return body;
    }

    static Response post(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/letters");
    }

    static String ref() {
        return "sag-" + UUID.randomUUID();
    }

    @Test
    void submitThenResubmitIsOneLetter() {
        String ref = ref();
        Response created = post(BUF, letter(ref));
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/letters/")).body("status", equalTo("SUBMITTED"));
        String id = created.path("letterId");
        post(BUF, letter(ref)).then().statusCode(200).body("letterId", equalTo(id));

        Map<String, Object> changed = letter(ref);
        changed.put("subject", "Something else");
        post(BUF, changed).then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("violations.code", contains("REFERENCE_CONFLICT"));
    }

    @Test
    void concurrentIdenticalSubmitsMakeOneLetter() throws Exception {
        String ref = ref();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit((Callable<Response>) () -> post(BUF, letter(ref))));
            }
            Set<String> ids = ConcurrentHashMap.newKeySet();
            int created = 0;
            for (Future<Response> f : calls) {
                Response r = f.get();
                assertTrue(r.statusCode() == 200 || r.statusCode() == 201, "status " + r.statusCode() + " " + r.asString());
                created += r.statusCode() == 201 ? 1 : 0;
                ids.add(r.path("letterId"));
            }
            assertEquals(1, ids.size());
            assertEquals(1, created);
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("department in body differs", Map.of("department", "SOF"), "DEPARTMENT_MISMATCH", "department"),
                Arguments.of("no sender reference", Map.of("senderReference", ""), "SENDER_REFERENCE_MISSING", "senderReference"),
                Arguments.of("bad sender reference", Map.of("senderReference", "a b<c>"), "SENDER_REFERENCE_INVALID", "senderReference"),
                Arguments.of("no recipient", Map.of("recipient", Map.of()), "RECIPIENT_MISSING", "recipient"),
                Arguments.of("CPR and CVR", Map.of("recipient", Map.of("cpr", "0101901234", "cvr", "29189846")), "RECIPIENT_AMBIGUOUS", "recipient"),
                Arguments.of("CPR not a date", Map.of("recipient", Map.of("cpr", "3102901234")), "CPR_INVALID", "recipient.cpr"),
                Arguments.of("CVR 7 digits", Map.of("recipient", Map.of("cvr", "2918984")), "CVR_INVALID", "recipient.cvr"),
                Arguments.of("address without street", Map.of("recipient", Map.of("address", Map.of("name", "Jens", "postcode", "1165", "city", "København K"))),
                        "ADDRESS_INCOMPLETE", "recipient.address"),
                Arguments.of("Danish postcode 3 digits", Map.of("recipient", Map.of("address", Map.of("name", "Jens", "street", "Nørregade 1", "postcode", "116", "city", "København K"))),
                        "POSTCODE_INVALID", "recipient.address.postcode"),
                Arguments.of("unknown country", Map.of("recipient", Map.of("address", Map.of("name", "Jens", "street", "Main St 1", "postcode", "12345", "city", "X", "country", "XX"))),
                        "COUNTRY_INVALID", "recipient.address.country"),
                Arguments.of("empty subject", Map.of("subject", " "), "SUBJECT_MISSING", "subject"),
                Arguments.of("subject too long", Map.of("subject", "x".repeat(201)), "SUBJECT_TOO_LONG", "subject"),
                Arguments.of("no postage class", Map.of("postageClass", ""), "POSTAGE_CLASS_INVALID", "postageClass"),
                Arguments.of("print if unread 0 days", Map.of("printIfUnreadAfterDays", 0), "PRINT_IF_UNREAD_INVALID", "printIfUnreadAfterDays"),
                Arguments.of("scheduled in two years", Map.of("notBefore", Instant.now().plusSeconds(2L * 366 * 86400).toString()), "NOT_BEFORE_INVALID", "notBefore"),
                Arguments.of("bad cost centre", Map.of("costCentre", "a;b"), "COST_CENTRE_INVALID", "costCentre"),
                Arguments.of("no document", Map.of("document", Map.of()), "DOCUMENT_MISSING", "document"),
                Arguments.of("inline and reference", Map.of("document", Map.of("contentBase64", PDF_B64, "documentId", UUID.randomUUID().toString())), "DOCUMENT_AMBIGUOUS", "document"),
                Arguments.of("not base64", Map.of("document", Map.of("contentBase64", "%%%"), "x", 1), "DOCUMENT_NOT_BASE64", "document.contentBase64"),
                Arguments.of("unknown document id", Map.of("document", Map.of("documentId", UUID.randomUUID().toString())), "DOCUMENT_NOT_FOUND", "document.documentId"),
                Arguments.of("wrong hash", Map.of("document", Map.of("contentBase64", PDF_B64, "sha256", "0".repeat(64))), "DOCUMENT_HASH_MISMATCH", "document.sha256"),
                Arguments.of("not a PDF", Map.of("document", Map.of("contentBase64", Base64.getEncoder().encodeToString("hello".getBytes()))), "DOCUMENT_NOT_PDF", "document"),
                Arguments.of("encrypted PDF", Map.of("document", Map.of("contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.encrypted()))), "DOCUMENT_ENCRYPTED", "document"),
                Arguments.of("PDF with JavaScript", Map.of("document", Map.of("contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.withJavaScript()))), "DOCUMENT_JAVASCRIPT", "document"),
                Arguments.of("US Letter pages", Map.of("document", Map.of("contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.usLetter()))), "DOCUMENT_NOT_A4", "document"),
                Arguments.of("51 pages", Map.of("document", Map.of("contentBase64", Base64.getEncoder().encodeToString(SamplePdfs.letter(51)))), "DOCUMENT_TOO_MANY_PAGES", "document"),
                Arguments.of("inline over 1 MiB", Map.of("document", Map.of("contentBase64", Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 10]))), "DOCUMENT_INLINE_TOO_LARGE", "document.contentBase64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void everyViolationHasItsCodeAndField(String name, Map<String, Object> change, String code, String field) {
        Map<String, Object> body = letter(ref());
        body.putAll(change);
        body.remove("x");
        Response r = post(BUF, body);
        r.then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(422))
                .body("violations", hasSize(1))
                .body("violations[0].code", equalTo(code))
                .body("violations[0].field", equalTo(field));
        assertTrue(!r.asString().contains("3102901234") && !r.asString().contains("0101901234"), "no CPR number in the answer");
    }

    @Test
    void malformedJsonIsAProblemThatQuotesNothing() {
        given().auth().oauth2(BUF).contentType(ContentType.JSON).body("{\"recipient\": {\"cpr\": \"0101901234\"}, \"subject\": ")
                .post("/api/v1/letters")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", not(org.hamcrest.Matchers.containsString("0101901234")));
    }

    @Test
    void multipartAndUploadedDocuments() {
        byte[] pdf = SamplePdfs.letter(3);
        String ref = ref();
        Map<String, Object> metadata = letter(ref);
        metadata.remove("document");
        given().auth().oauth2(BUF)
                .multiPart("metadata", KafkaTestClient.json(metadata), "application/json")
                .multiPart("document", "stor.pdf", pdf, "application/pdf")
                .post("/api/v1/letters")
                .then().statusCode(201);

        Response uploaded = given().auth().oauth2(BUF).contentType("application/pdf").header("X-Filename", "bilag.pdf").body(pdf)
                .post("/api/v1/documents");
        uploaded.then().statusCode(201).body("pages", equalTo(3)).body("sha256", equalTo(DocumentStore.sha256(pdf)));
        String documentId = uploaded.path("documentId");

        Map<String, Object> byRef = letter(ref());
        byRef.put("document", Map.of("documentId", documentId, "sha256", DocumentStore.sha256(pdf)));
        String letterId = post(BUF, byRef).then().statusCode(201).extract().path("letterId");

        // Another department cannot use it.
        Map<String, Object> foreign = letter(ref());
        foreign.put("document", Map.of("documentId", documentId));
        post(SOF, foreign).then().statusCode(422).body("violations[0].code", equalTo("DOCUMENT_NOT_FOUND"));

        // The delivering services fetch it with a service token, for the letter's department only.
        byte[] fetched = given().auth().oauth2(token(null, "service")).queryParam("department", "BUF")
                .get("/internal/v1/documents/" + documentId)
                .then().statusCode(200).header("X-Content-SHA256", DocumentStore.sha256(pdf)).extract().asByteArray();
        assertArrayEquals(pdf, fetched);
        given().auth().oauth2(token(null, "service")).queryParam("department", "SOF").get("/internal/v1/documents/" + documentId)
                .then().statusCode(404);
        given().auth().oauth2(BUF).queryParam("department", "BUF").get("/internal/v1/documents/" + documentId)
                .then().statusCode(403);
        given().auth().oauth2(BUF).get("/api/v1/letters/" + letterId).then().statusCode(200);
    }

    @Test
    void departmentsSeeOnlyTheirOwnLetters() {
        String ref = ref();
        String id = post(BUF, letter(ref)).then().statusCode(201).extract().path("letterId");
        given().auth().oauth2(SOF).get("/api/v1/letters/" + id).then().statusCode(404);
        given().auth().oauth2(BUF).queryParam("senderReference", ref).get("/api/v1/letters")
                .then().statusCode(200).body("letterId", contains(id));
        given().auth().oauth2(SOF).queryParam("senderReference", ref).get("/api/v1/letters")
                .then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(SOF).queryParam("department", "BUF").get("/api/v1/letters")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void tokensAndRoles() {
        given().contentType(ContentType.JSON).body(letter(ref())).post("/api/v1/letters").then().statusCode(401);
        post(token("BUF", "finance"), letter(ref())).then().statusCode(403);
        post(token(null, "sender"), letter(ref())).then().statusCode(403);
        post(token("XYZ", "sender"), letter(ref())).then().statusCode(403);
        String foreignIssuer = BrevruteInfrastructure.tokens().sign(Map.of("sub", "x", "department", "BUF", "groups", List.of("sender")),
                Duration.ofMinutes(5), "https://evil.example/issuer");
        post(foreignIssuer, letter(ref())).then().statusCode(401);
        String expired = BrevruteInfrastructure.tokens().sign(Map.of("sub", "x", "department", "BUF", "groups", List.of("sender")),
                Duration.ofMinutes(-10), dk.brevrute.testinfra.Tokens.ISSUER);
        post(expired, letter(ref())).then().statusCode(401);
    }

    @Test
    void aTokenVerifiedOnceIsTakenAgainButNotAnAlteredCopy() {
        assertInstanceOf(VerifiedTokens.class, parser, "the service verifies bearer tokens through service-kit's VerifiedTokens");
        String sender = token("BUF", "sender");
        post(sender, letter(ref())).then().statusCode(201);
        post(sender, letter(ref())).then().statusCode(201);
        post(token("BUF", "finance"), letter(ref())).then().statusCode(403);

        // The same signature over other claims (department SOF), and the same claims under another signature.
        String[] parts = sender.split("\\.");
        Base64.Decoder dec = Base64.getUrlDecoder();
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String otherClaims = new String(dec.decode(parts[1]), StandardCharsets.UTF_8).replace("\"BUF\"", "\"SOF\"");
        String otherDepartment = parts[0] + "." + enc.encodeToString(otherClaims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        byte[] signature = dec.decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        String otherSignature = parts[0] + "." + parts[1] + "." + enc.encodeToString(signature);

        post(otherDepartment, letter(ref())).then().statusCode(401);
        post(otherSignature, letter(ref())).then().statusCode(401);
        post(sender, letter(ref())).then().statusCode(201);
    }

    @Test
    void timelineFollowsTheOtherServicesEventsAndCancelStopsEarlyLetters() {
        String id = post(BUF, letter(ref())).then().statusCode(201).extract().path("letterId");
        UUID letterId = UUID.fromString(id);
        LetterSubmitted submitted = Samples.submitted(Samples.citizen(Samples.CPR), false);
        LetterSubmitted same = new LetterSubmitted(submitted.eventId(), submitted.occurredAt(), letterId, "BUF", "x", null,
                submitted.recipient(), submitted.subject(), PostageClass.B, false, false, false, null, null, null, submitted.document());
        kafka.send(Topics.LETTERS_ROUTED, id, Samples.routed(same, Channel.DIGITAL, RoutingReason.REGISTERED));
        kafka.send(Topics.LETTERS_DELIVERED, id, new LetterDelivered(UUID.randomUUID(), Instant.now(), letterId, "BUF", null,
                Channel.DIGITAL, Instant.now(), "tx-1", 1, PostageClass.B, "DK", null, null, new BigDecimal("0.35"), "2026"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(BUF).get("/api/v1/letters/" + id)
                .then().statusCode(200).body("status", equalTo("DELIVERED"))
                .body("timeline.kind", contains("SUBMITTED", "ROUTED", "DELIVERED"))
                .body("timeline[1].reason", equalTo("REGISTERED")));
        given().auth().oauth2(BUF).delete("/api/v1/letters/" + id).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));

        String early = post(BUF, letter(ref())).then().statusCode(201).extract().path("letterId");
        given().auth().oauth2(SOF).delete("/api/v1/letters/" + early).then().statusCode(404);
        given().auth().oauth2(BUF).queryParam("reason", "sent by mistake").delete("/api/v1/letters/" + early).then().statusCode(204);
        given().auth().oauth2(BUF).get("/api/v1/letters/" + early).then().body("status", equalTo("CANCELLED"))
                .body("timeline.kind", hasItem("CANCELLED"));
        List<String> cancelled = kafka.readUntil(Topics.LETTERS_CANCELLED, Duration.ofSeconds(30),
                seen -> seen.stream().anyMatch(r -> r.key().equals(early))).stream().map(r -> r.key()).toList();
        assertTrue(cancelled.contains(early));
    }

    @Test
    void aPollOfDeliveriesLocksItsLettersOnceAndMovesEachOnce() {
        List<String> ids = Stream.generate(() -> post(BUF, letter(ref())).then().statusCode(201).extract().<String>path("letterId"))
                .limit(4).toList();
        List<LetterDelivered> deliveries = ids.stream().map(id -> new LetterDelivered(UUID.randomUUID(), Instant.now(),
                UUID.fromString(id), "BUF", null, Channel.DIGITAL, Instant.now(), "tx-" + id, 1, PostageClass.B, "DK", null, null,
                new BigDecimal("0.35"), "2026")).toList();
        LetterDelivered unknown = new LetterDelivered(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "BUF", null,
                Channel.DIGITAL, Instant.now(), "tx-unknown", 1, PostageClass.B, "DK", null, null, new BigDecimal("0.35"), "2026");
        List<String> poll = new ArrayList<>(deliveries.stream().map(KafkaTestClient::json).toList());
        poll.add(1, KafkaTestClient.json(unknown)); // about no letter of ours: recorded nowhere, fails nothing
        poll.add(KafkaTestClient.json(deliveries.get(2))); // the same event again: a redelivery within the poll

        DistributionSummary before = perTransaction();
        long transactionsBefore = before == null ? 0 : before.count();
        double recordsBefore = before == null ? 0 : before.totalAmount();
        kafka.sendAsOneBatch(Topics.LETTERS_DELIVERED, "poll-" + UUID.randomUUID(), poll);

        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(BUF).get("/api/v1/letters/" + id)
                    .then().statusCode(200).body("status", equalTo("DELIVERED"))
                    .body("timeline.kind", contains("SUBMITTED", "DELIVERED")));
        }
        DistributionSummary after = perTransaction();
        assertNotNull(after, "the consumer reports records per transaction");
        assertEquals(1, after.count() - transactionsBefore, "the poll is one transaction");
        assertEquals(poll.size(), after.totalAmount() - recordsBefore, "holding every record of the poll");
    }

    private DistributionSummary perTransaction() {
        return MessagingMetrics.recordsPerTransaction(registry, "letter-intake.letters-delivered");
    }
}
