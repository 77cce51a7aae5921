package dk.brevrute.routing.observability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dk.brevrute.events.LetterSubmitted;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.OutboxRelay;
import dk.brevrute.routing.support.RoutingTestResources;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.Samples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The kit's observability in a real service, over the real broker and database: a letter's trace
 * goes from the consumed record through the outbox to the published one, meters move as letters
 * flow, and dead letters are listed and re-driven once each, with who did it recorded.
 */
@QuarkusTest
@WithTestResource(RoutingTestResources.class)
class ObservabilityTest {

    static final KafkaTestClient kafka = new KafkaTestClient();
    static final String OPERATOR = BrevruteInfrastructure.tokens().issue("operator-anna", null, List.of("operator"));

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static LetterSubmitted companyLetter() {
        return Samples.submitted(Samples.company(Samples.CVR), false);
    }

    static ConsumerRecord<String, String> routedRecord(UUID letterId) {
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.LETTERS_ROUTED, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.key().equals(letterId.toString())));
        return seen.stream().filter(r -> r.key().equals(letterId.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("letter " + letterId + " was not routed"));
    }

    @Test
    void theRoutedRecordContinuesTheTraceOfTheSubmittedOneAndTheOutboxKeepsIt() {
        String traceId = randomHex(16);
        String parentSpan = randomHex(8);
        LetterSubmitted letter = companyLetter();
        // The relay paused, so the outbox row can be seen before it is published and deleted.
        relay.stop();
        try {
            kafka.sendRaw(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), KafkaTestClient.json(letter),
                    Map.of("traceparent", "00-" + traceId + "-" + parentSpan + "-01", "tracestate", "brevrute=test"));
            String stored = await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("SELECT traceparent, tracestate FROM outbox_event WHERE record_key = ?1")
                        .setParameter(1, letter.letterId().toString()).getResultList();
                return rows.isEmpty() ? null : (String) rows.get(0)[0] + "|" + rows.get(0)[1];
            }), s -> s != null);
            assertTrue(stored.startsWith("00-" + traceId + "-"), "the outbox row keeps the letter's trace: " + stored);
            assertTrue(stored.endsWith("|brevrute=test"), "and its tracestate: " + stored);
        } finally {
            relay.start();
        }

        ConsumerRecord<String, String> routed = routedRecord(letter.letterId());
        String traceparent = KafkaTestClient.header(routed, "traceparent");
        assertNotNull(traceparent, "the relay puts traceparent on the record");
        String[] parts = traceparent.split("-");
        assertEquals(traceId, parts[1], "same trace id downstream");
        assertNotEquals(parentSpan, parts[2], "the parent is routing's own span, not the incoming one");
        assertEquals("brevrute=test", KafkaTestClient.header(routed, "tracestate"));
    }

    @Test
    void logLinesAboutALetterCarryItsIdTheEventIdAndTheTraceInTheMdc() {
        String traceId = randomHex(16);
        LetterSubmitted letter = companyLetter();
        List<org.jboss.logmanager.ExtLogRecord> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r instanceof org.jboss.logmanager.ExtLogRecord ext && r.getMessage() != null
                        && String.valueOf(ext.getFormattedMessage()).contains(letter.letterId().toString())) {
                    ext.copyAll();
                    lines.add(ext);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger routing = java.util.logging.Logger.getLogger("dk.brevrute.routing");
        routing.addHandler(capture);
        try {
            kafka.sendRaw(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), KafkaTestClient.json(letter),
                    Map.of("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"));
            routedRecord(letter.letterId());
            await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());
        } finally {
            routing.removeHandler(capture);
        }
        for (org.jboss.logmanager.ExtLogRecord line : lines) {
            assertEquals(letter.letterId().toString(), line.getMdc("letterId"), "letterId in the MDC of: " + line.getFormattedMessage());
            assertEquals(letter.eventId().toString(), line.getMdc("eventId"), "eventId in the MDC");
            assertEquals(traceId, line.getMdc("traceId"), "the letter's trace id in the MDC");
        }
    }

    @Test
    void aRecordWithoutTraceStartsANewTraceThatTheRoutedRecordCarries() {
        LetterSubmitted letter = companyLetter();
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
        String traceparent = KafkaTestClient.header(routedRecord(letter.letterId()), "traceparent");
        assertNotNull(traceparent);
        assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), traceparent);
    }

    @Test
    void metersMoveWhenLettersFlow() {
        LetterSubmitted letter = companyLetter();
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
        kafka.send(Topics.LETTERS_SUBMITTED, letter.letterId().toString(), letter);
        routedRecord(letter.letterId());
        String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/metrics").then().statusCode(200).extract().asString(),
                m -> m.contains("brevrute_consumer_lag_records{group=\"routing-service\",topic=\"letters.submitted.v1\"}")
                        && m.contains("outcome=\"duplicate\""));
        assertTrue(has(metrics, "brevrute_events_consumed_total{", "consumer=\"routing-service.letters-submitted\"", "outcome=\"processed\""),
                "processed records by consumer");
        assertTrue(has(metrics, "brevrute_events_consumed_total{", "consumer=\"routing-service.letters-submitted\"", "outcome=\"duplicate\""),
                "the second copy is a duplicate");
        assertTrue(has(metrics, "brevrute_event_processing_seconds_bucket{", "consumer=\"routing-service.letters-submitted\""),
                "processing time histogram");
        assertTrue(has(metrics, "brevrute_outbox_published_total{", "topic=\"letters.routed.v1\""), "published by topic");
        assertTrue(has(metrics, "brevrute_letters_routed_total{", "channel=\"DIGITAL\"", "reason=\"COMPANY\""), "routed by channel and reason");
        assertTrue(metrics.contains("\nbrevrute_outbox_backlog "), "outbox backlog");
        assertTrue(metrics.contains("\nbrevrute_outbox_oldest_age_seconds "), "age of the oldest outbox row");
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag_max"), "Kafka client meters");
        assertFalse(metrics.contains(letter.letterId().toString()), "no letter id in any label");
        assertFalse(metrics.contains(letter.eventId().toString()), "no event id in any label");
    }

    @Test
    void deadLettersAreListedWithTheirReasonAndReDrivenOnceRecordingWhoDidIt() {
        String key = UUID.randomUUID().toString();
        String dlq = "letters.read.v1.routing-service.dlq";
        kafka.sendRaw(Topics.LETTERS_READ, key, "{not json", Map.of("brevrute-event-id", key));
        ConsumerRecord<String, String> dead = kafka.readUntil(dlq, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.key().equals(key))).stream()
                .filter(r -> r.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("not dead-lettered"));

        given().get("/api/v1/admin/dead-letters").then().statusCode(401);
        given().auth().oauth2(BrevruteInfrastructure.tokens().issue("x", "BUF", List.of("sender")))
                .get("/api/v1/admin/dead-letters").then().statusCode(403);
        JsonPath listing = given().auth().oauth2(OPERATOR).queryParam("topic", dlq).get("/api/v1/admin/dead-letters")
                .then().statusCode(200).body("topics.topic", hasItem(dlq)).extract().jsonPath();
        Map<String, Object> entry = listing.<Map<String, Object>>getList("records").stream()
                .filter(r -> key.equals(r.get("key"))).findFirst().orElseThrow();
        assertEquals(dead.partition(), entry.get("partition"));
        assertEquals(Topics.LETTERS_READ, entry.get("sourceTopic"));
        assertTrue(((String) entry.get("reason")).startsWith("not JSON"), "the reason header: " + entry.get("reason"));
        assertEquals(key, entry.get("eventId"));
        assertFalse(entry.containsKey("value") || entry.containsKey("payload"), "never the payload");
        given().auth().oauth2(OPERATOR).queryParam("topic", "letters.read.v1").get("/api/v1/admin/dead-letters").then().statusCode(404);

        String body = "{\"records\":[{\"topic\":\"" + dlq + "\",\"partition\":" + dead.partition() + ",\"offset\":" + dead.offset()
                + "}],\"note\":\"parser fixed\"}";
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(body).post("/api/v1/admin/dead-letters/redrive")
                .then().statusCode(200).body("by", org.hamcrest.Matchers.is("operator-anna"))
                .body("results[0].status", org.hamcrest.Matchers.is("REDRIVEN"))
                .body("results[0].toTopic", org.hamcrest.Matchers.is(Topics.LETTERS_READ));
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(body).post("/api/v1/admin/dead-letters/redrive")
                .then().statusCode(200).body("results[0].status", org.hamcrest.Matchers.is("ALREADY_REDRIVEN"));

        List<ConsumerRecord<String, String>> again = kafka.readUntil(Topics.LETTERS_READ, Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.key().equals(key) && KafkaTestClient.header(r, "brevrute-redriven-from") != null));
        ConsumerRecord<String, String> redriven = again.stream()
                .filter(r -> r.key().equals(key) && KafkaTestClient.header(r, "brevrute-redriven-from") != null).findFirst().orElseThrow();
        assertEquals("{not json", redriven.value(), "the same value");
        assertEquals(dlq + "/" + dead.partition() + "/" + dead.offset(), KafkaTestClient.header(redriven, "brevrute-redriven-from"));
        assertEquals(null, KafkaTestClient.header(redriven, "dead-letter-reason"), "the dead-letter headers are not sent back");
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT redriven_by, note, source_topic, source_offset FROM dead_letter_redrive WHERE dlq_topic = ?1 AND dlq_partition = ?2 AND dlq_offset = ?3")
                .setParameter(1, dlq).setParameter(2, dead.partition()).setParameter(3, dead.offset()).getSingleResult());
        assertEquals("operator-anna", row[0]);
        assertEquals("parser fixed", row[1]);
        assertEquals(Topics.LETTERS_READ, row[2]);
        assertEquals(redriven.offset(), ((Number) row[3]).longValue());

        String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/metrics").then().extract().asString(),
                m -> m.contains("brevrute_dead_letters_pending_records{topic=\"" + dlq + "\"}"));
        assertTrue(has(metrics, "brevrute_events_consumed_total{", "consumer=\"routing-service.letters-read\"", "outcome=\"dead_lettered\""));
    }

    static boolean has(String metrics, String prefix, String... labels) {
        return metrics.lines().anyMatch(l -> {
            if (!l.startsWith(prefix)) {
                return false;
            }
            for (String label : labels) {
                if (!l.contains(label)) {
                    return false;
                }
            }
            return true;
        });
    }
}
