package dk.brevrute.intake.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dk.brevrute.events.Department;
import dk.brevrute.events.InlineDocument;
import dk.brevrute.events.LetterRequested;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Topics;
import dk.brevrute.intake.printer.PrinterTestSupport;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.BrevruteTestResource;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import dk.brevrute.testinfra.Samples;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * brevrute_letters_accepted_total{path} and brevrute_letters_rejected_total{path,reason} count every
 * intake path (REST, Kafka, printer) once per letter, with only fixed label values.
 */
@QuarkusTest
@WithTestResource(BrevruteTestResource.class)
class IntakeMetricsTest {

    static final KafkaTestClient kafka = new KafkaTestClient();

    @TestHTTPResource("/")
    URL root;

    @AfterAll
    static void close() {
        kafka.close();
    }

    /** The value of the series with these labels (others, e.g. common tags, may be there too), 0 when absent. */
    static double metric(String name, String labels) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double value = 0;
        for (String line : body.lines().filter(l -> l.startsWith(name + "{")).toList()) {
            String inside = line.substring(line.indexOf('{') + 1, line.indexOf('}'));
            boolean all = true;
            for (String label : labels.split(",(?=[a-z]+=)")) {
                all &= (inside + ",").contains(label + ",");
            }
            if (all) {
                // The value follows the labels; an exemplar ("# {trace_id=...} 1.0 <time>") may follow the value.
                value += Double.parseDouble(line.substring(line.indexOf('}') + 1).strip().split("\\s+")[0]);
            }
        }
        return value;
    }

    @Test
    void everyPathIsCountedOnceWithItsReason() throws Exception {
        double rest = metric("brevrute_letters_accepted_total", "path=\"rest\"");
        double restRejected = metric("brevrute_letters_rejected_total", "path=\"rest\",reason=\"SUBJECT_MISSING\"");
        double kafkaAccepted = metric("brevrute_letters_accepted_total", "path=\"kafka\"");
        double printer = metric("brevrute_letters_accepted_total", "path=\"printer\"");
        double printerRejected = metric("brevrute_letters_rejected_total", "path=\"printer\",reason=\"DOCUMENT_NOT_PDF\"");
        String pdf = Base64.getEncoder().encodeToString(SamplePdfs.letter(1));
        String sender = BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"));

        Map<String, Object> letter = Map.of("senderReference", "metrics-" + UUID.randomUUID(), "recipient", Map.of("cpr", "010190-1234"),
                "subject", "Afgørelse", "postageClass", "B", "document", Map.of("contentBase64", pdf));
        given().auth().oauth2(sender).contentType(ContentType.JSON).body(letter).post("/api/v1/letters").then().statusCode(201);
        given().auth().oauth2(sender).contentType(ContentType.JSON).body(letter).post("/api/v1/letters").then().statusCode(200);
        Map<String, Object> noSubject = Map.of("senderReference", "metrics-" + UUID.randomUUID(), "recipient", Map.of("cpr", "010190-1234"),
                "postageClass", "B", "document", Map.of("contentBase64", pdf));
        given().auth().oauth2(sender).contentType(ContentType.JSON).body(noSubject).post("/api/v1/letters").then().statusCode(422);

        Department buf = Department.defaults().stream().filter(d -> d.id().equals("BUF")).findFirst().orElseThrow();
        String reference = "metrics-" + UUID.randomUUID();
        kafka.send(Topics.lettersRequested(buf), "BUF:" + reference, new LetterRequested(UUID.randomUUID(), Instant.now(), null, reference,
                Samples.citizen(Samples.CPR), "Afgørelse", PostageClass.B, null, null, null, null, null, null,
                new InlineDocument("brev.pdf", "application/pdf", pdf, null, null)));

        var unit = PrinterTestSupport.unit("BUF", "metrics");
        assertEquals(9, PrinterTestSupport.print(root.toURI(), unit, SamplePdfs.letter(1), "brev.pdf").jobState());
        assertEquals(8, PrinterTestSupport.print(root.toURI(), unit, "no pdf".getBytes(), "brev.pdf").jobState());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(rest + 1, metric("brevrute_letters_accepted_total", "path=\"rest\""), "the repeat is the same letter");
            assertEquals(restRejected + 1, metric("brevrute_letters_rejected_total", "path=\"rest\",reason=\"SUBJECT_MISSING\""));
            assertEquals(kafkaAccepted + 1, metric("brevrute_letters_accepted_total", "path=\"kafka\""));
            assertEquals(printer + 1, metric("brevrute_letters_accepted_total", "path=\"printer\""));
            assertEquals(printerRejected + 1, metric("brevrute_letters_rejected_total", "path=\"printer\",reason=\"DOCUMENT_NOT_PDF\""));
        });
        String all = given().get("/q/metrics").then().extract().asString();
        assertFalse(all.contains("0101901234") || all.contains("010190-1234"), "no CPR number in the metrics");
        assertFalse(Pattern.compile("brevrute_letters_[a-z_]+\\{[^}]*[0-9a-f]{8}-[0-9a-f]{4}").matcher(all).find(), "no letter id in a label");
    }
}
