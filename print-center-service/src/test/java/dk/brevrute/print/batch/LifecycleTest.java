package dk.brevrute.print.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterReturned;
import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.PostalAddress;
import dk.brevrute.events.PrintBatchStateChanged;
import dk.brevrute.events.Topics;
import dk.brevrute.print.render.PrintFiles;
import dk.brevrute.print.render.SheetMark;
import dk.brevrute.print.render.WindowArea;
import dk.brevrute.print.tariff.Tariffs;
import dk.brevrute.print.testing.Fixtures;
import dk.brevrute.print.testing.PeersResource;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' lifecycle over REST: the print file and manifest, every step in order (each
 * refused skip or step back), a failed print re-queued, hand-over priced with the tariff version in
 * force that day with letter-delivered for every letter, returned mail, and the simulation.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
@WithTestResource(PeersResource.class)
class LifecycleTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String OPERATOR = "printcenter-mhj";
    static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");

    @Inject
    TestPrint print;
    @Inject
    Tariffs tariffs;
    @Inject
    PrintCentreSimulation simulation;

    @AfterAll
    static void close() {
        kafka.close();
    }

    private UUID closedBatch(List<LetterSubmitted> letters) {
        print.closeOpenBatches();
        letters.forEach(l -> Fixtures.routeToPrint(kafka, l));
        UUID batchId = null;
        for (LetterSubmitted l : letters) {
            batchId = print.awaitLetter(l.letterId(), PrintLetter.Status.BATCHED).batchId;
        }
        print.close(batchId);
        print.awaitRendered(batchId);
        return batchId;
    }

    private static LetterSubmitted letter(String name, String postcode, byte[] pdf, int pages) {
        return Fixtures.letter(Fixtures.address(new PostalAddress(name, "Gade 1", null, postcode, "By", "DK")), PostageClass.B, pdf, pages);
    }

    private static Response move(UUID batchId, String state, String reason, String token) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(reason == null ? Map.of("state", state) : Map.of("state", state, "reason", reason))
                .post("/api/v1/batches/" + batchId + "/transitions");
    }

    @Test
    void everyStepInOrderAndNoOther() throws Exception {
        Fixtures.publishBaseTariff(kafka);
        LocalDate today = LocalDate.now(CPH);
        // A version from next month is stored but not in force today.
        kafka.send(Topics.TARIFFS_PUBLISHED, "test-future", Fixtures.tariff("test-future", today.plusDays(30), "99.00"));
        Awaitility.await().atMost(TestPrint.WAIT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> tariffs.inForce(today.plusDays(31)).map(t -> t.id().equals("test-future")).orElse(false)));
        String token = Fixtures.operatorToken(OPERATOR);
        LetterSubmitted l1 = letter("Anna", "8000", Fixtures.plainPdf(3), 3);
        LetterSubmitted l2 = letter("Bo", "2100", SamplePdfs.letter(1), 1);
        UUID batchId = closedBatch(List.of(l1, l2));

        // Files: the PDF opens, pages = sheets × 2 (duplex), marks read back, carrier shows the address; envelopes by postcode.
        byte[] pdf = given().auth().oauth2(token).get("/api/v1/batches/" + batchId + "/print-file").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        JsonNode manifest = new ObjectMapper().readTree(given().auth().oauth2(token).get("/api/v1/batches/" + batchId + "/manifest.json")
                .then().statusCode(200).extract().asByteArray());
        String csv = given().auth().oauth2(token).get("/api/v1/batches/" + batchId + "/manifest.csv").then().statusCode(200)
                .extract().asString();
        assertEquals(3, csv.lines().count());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(manifest.get("sheets").asInt() * 2, doc.getNumberOfPages());
            assertEquals(manifest.get("pages").asInt(), doc.getNumberOfPages());
            JsonNode first = manifest.get("envelopeList").get(0);
            assertEquals("1165", first.get("postcode").asText(), "sorted by postcode: the window letter (1165) first");
            JsonNode second = manifest.get("envelopeList").get(1);
            int page = second.get("firstPage").asInt() - 1;
            assertEquals(List.of("Anna", "Gade 1", "8000 By"), PrintFiles.windowText(doc, page, WindowArea.DIN_C5));
            assertEquals(new SheetMark(batchId.toString().substring(0, 8), 2, 1, 3), PrintFiles.mark(doc, page));
        }

        // No skipping, no going back.
        move(batchId, "ENVELOPED", null, token).then().statusCode(409).body("type", equalTo("https://brevrute.dk/problems/invalid-transition"));
        move(batchId, "HANDED_OVER", null, token).then().statusCode(409);
        move(batchId, "OPEN", null, token).then().statusCode(409);
        move(batchId, "PRINTED", null, token).then().statusCode(200).body("state", equalTo("PRINTED"));
        move(batchId, "CLOSED", null, token).then().statusCode(409);
        move(batchId, "PRINTED", null, token).then().statusCode(409);
        // A failed print: reason required, then re-queued and its file made again.
        move(batchId, "FAILED", null, token).then().statusCode(422);
        move(batchId, "FAILED", "printer jam", token).then().statusCode(200).body("state", equalTo("FAILED"));
        move(batchId, "PRINTED", null, token).then().statusCode(409);
        move(batchId, "CLOSED", null, token).then().statusCode(200).body("printFileReady", equalTo(false));
        print.awaitRendered(batchId);
        for (String s : List.of("PRINTED", "ENVELOPED", "FRANKED", "HANDED_OVER")) {
            move(batchId, s, null, token).then().statusCode(200).body("state", equalTo(s));
        }
        move(batchId, "FAILED", "too late", token).then().statusCode(409);
        // Who did what, when.
        given().auth().oauth2(token).get("/api/v1/batches/" + batchId).then().statusCode(200)
                .body("history.size()", equalTo(8)).body("history[7].operator", equalTo(OPERATOR))
                .body("history[7].to", equalTo("HANDED_OVER"));

        List<PrintBatchStateChanged> events = TestPrint.batchEvents(kafka, batchId,
                es -> es.stream().anyMatch(e -> e.state() == PrintBatchStateChanged.State.HANDED_OVER));
        assertEquals(List.of("CLOSED", "PRINTED", "FAILED", "CLOSED", "PRINTED", "ENVELOPED", "FRANKED", "HANDED_OVER"),
                events.stream().map(e -> e.state().name()).toList());
        assertTrue(events.stream().skip(1).allMatch(e -> OPERATOR.equals(e.operator())));
        PrintBatchStateChanged handed = events.get(events.size() - 1);
        assertEquals(new BigDecimal("26.40"), handed.postage(), "two B letters at the base tariff's 13.20, not next month's");

        // Letter-delivered for every letter, priced with the version in force today.
        Map<UUID, LetterDelivered> delivered = delivered(List.of(l1.letterId(), l2.letterId()));
        for (LetterDelivered d : delivered.values()) {
            assertEquals(Channel.PRINT, d.channel());
            assertEquals(Fixtures.BASE_TARIFF, d.tariffId());
            assertEquals(new BigDecimal("13.20"), d.postage());
            assertEquals(PostageClass.B, d.postageClass());
            assertEquals("DK", d.zone());
            assertNotNull(d.materialCost());
        }
        assertEquals(3, delivered.get(l1.letterId()).sheets(), "3 pages duplex = 2 sheets, plus the carrier sheet");

        // Returned mail: a reason code, attributed; only once; only after hand-over.
        String letterPath = "/api/v1/letters/" + l1.letterId() + "/returns";
        given().auth().oauth2(token).contentType("application/json").body(Map.of("reason", "no such reason")).post(letterPath)
                .then().statusCode(422);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("reason", "MOVED")).post(letterPath)
                .then().statusCode(201).body("status", equalTo("RETURNED"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("reason", "MOVED")).post(letterPath)
                .then().statusCode(409);
        List<ConsumerRecord<String, String>> returned = kafka.readUntil(Topics.LETTERS_RETURNED, TestPrint.WAIT,
                rs -> rs.stream().anyMatch(r -> l1.letterId().toString().equals(r.key())));
        LetterReturned r = returned.stream().filter(x -> l1.letterId().toString().equals(x.key()))
                .map(x -> KafkaTestClient.parse(x.value(), LetterReturned.class)).findFirst().orElseThrow();
        assertEquals("MOVED", r.reason());
        assertEquals(OPERATOR, r.registeredBy());

        // From today, a new version applies.
        kafka.send(Topics.TARIFFS_PUBLISHED, "test-today", Fixtures.tariff("test-today", today, "15.00"));
        Awaitility.await().atMost(TestPrint.WAIT).until(() -> QuarkusTransaction.requiringNew().call(
                () -> tariffs.inForce(today).map(t -> t.id().equals("test-today")).orElse(false)));
        LetterSubmitted l3 = letter("Cecilie", "5000", Fixtures.plainPdf(1), 1);
        UUID second = closedBatch(List.of(l3));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("reason", "MOVED"))
                .post("/api/v1/letters/" + l3.letterId() + "/returns").then().statusCode(409);
        for (String s : List.of("PRINTED", "ENVELOPED", "FRANKED", "HANDED_OVER")) {
            move(second, s, null, token).then().statusCode(200);
        }
        LetterDelivered d3 = delivered(List.of(l3.letterId())).get(l3.letterId());
        assertEquals("test-today", d3.tariffId());
        assertEquals(new BigDecimal("15.00"), d3.postage());
    }

    @Test
    void operatorsOnly() {
        given().get("/api/v1/batches").then().statusCode(401);
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"))).get("/api/v1/batches")
                .then().statusCode(403);
        given().auth().oauth2(Fixtures.operatorToken(OPERATOR)).get("/api/v1/batches").then().statusCode(200);
        given().auth().oauth2(Fixtures.operatorToken(OPERATOR)).get("/api/v1/batches/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void simulationCarriesAClosedBatchToTheMailbox() {
        Fixtures.publishBaseTariff(kafka);
        LetterSubmitted l = letter("Dorthe", "7100", Fixtures.plainPdf(1), 1);
        UUID batchId = closedBatch(List.of(l));
        for (int step = 0; step < 4; step++) {
            simulation.advanceDue(java.time.Instant.now().plusSeconds(3600));
        }
        PrintBatch b = print.batch(batchId);
        assertEquals(PrintBatch.State.HANDED_OVER, b.state);
        assertEquals(PrintLetter.Status.DELIVERED, print.letter(l.letterId()).status);
        List<PrintBatchStateChanged> events = TestPrint.batchEvents(kafka, batchId,
                es -> es.stream().anyMatch(e -> e.state() == PrintBatchStateChanged.State.HANDED_OVER));
        assertEquals("print-centre-simulator", events.get(events.size() - 1).operator());
    }

    private Map<UUID, LetterDelivered> delivered(List<UUID> ids) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.LETTERS_DELIVERED, TestPrint.WAIT,
                rs -> ids.stream().allMatch(id -> rs.stream().anyMatch(x -> id.toString().equals(x.key()))));
        return records.stream().filter(x -> ids.stream().anyMatch(id -> id.toString().equals(x.key())))
                .map(x -> KafkaTestClient.parse(x.value(), LetterDelivered.class))
                .collect(Collectors.toMap(LetterDelivered::letterId, d -> d, (a, b) -> b));
    }
}
