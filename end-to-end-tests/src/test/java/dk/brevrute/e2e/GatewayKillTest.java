package dk.brevrute.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import dk.brevrute.testinfra.KafkaTestClient;
import dk.brevrute.testinfra.SamplePdfs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packaged jar, killed with SIGKILL in the middle of a mailing and started again:
 * every letter ends up in a digital mailbox exactly once (the simulator's per-letter mailbox
 * count, not its de-duplicated transaction count), and each letter is reported delivered once.
 */
class GatewayKillTest {

    static final int LETTERS = Integer.getInteger("brevrute.e2e.gateway-kill-letters", 120);
    static final ObjectMapper JSON = new ObjectMapper();
    static Cluster cluster;
    static KafkaTestClient kafka;

    @BeforeAll
    static void start() {
        cluster = Cluster.shared();
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        cluster.send("sf1601-simulator", "PUT", "/admin/faults", null, "{\"latencyMillis\": 30}");
    }

    JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    long placements() {
        return json(cluster.get("sf1601-simulator", "/admin/counters", null).body()).path("mailboxPlacements").asLong();
    }

    @Test
    void killingTheGatewayDuringDeliveryPlacesNoLetterTwice() {
        // Slow SF1601 answers (400 ms) keep letters in flight, so the kill lands mid-mailing and mid-request.
        assertEquals(200, cluster.send("sf1601-simulator", "PUT", "/admin/faults", null, "{\"latencyMillis\": 400}").statusCode());
        long placementsBefore = placements();
        String token = BrevruteInfrastructure.tokens().issue("sof-system", "SOF", List.of("sender"));
        String pdf = Base64.getEncoder().encodeToString(SamplePdfs.letter(1));
        List<String> letterIds = new ArrayList<>();
        for (int i = 0; i < LETTERS; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("senderReference", "e2e-" + UUID.randomUUID());
            body.put("recipient", Map.of("cvr", String.format("%08d", 29_000_000 + i)));
            body.put("subject", "Kontrolbrev " + i);
            body.put("postageClass", "B");
            body.put("document", Map.of("filename", "brev.pdf", "contentBase64", pdf));
            var r = cluster.send("letter-intake", "POST", "/api/v1/letters", token, KafkaTestClient.json(body));
            assertEquals(201, r.statusCode(), r.body());
            letterIds.add(json(r.body()).path("letterId").asText());
        }

        // The simulator's counters are the whole run's (other scenarios share the system): count from here.
        long base = placementsBefore;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> placements() - base >= 10);
        long beforeKill = placements() - base;
        cluster.kill("eboks-gateway");
        assertTrue(beforeKill < LETTERS, "the kill happened during the mailing (" + beforeKill + " of " + LETTERS + " placed)");
        cluster.start("eboks-gateway");
        cluster.awaitReady("eboks-gateway");

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> placements() - base >= LETTERS);
        JsonNode counters = json(cluster.get("sf1601-simulator", "/admin/counters", null).body());
        System.out.printf("gateway killed after %d of %d placements; simulator counters after the mailing: %s%n", beforeKill, LETTERS, counters);
        assertEquals(LETTERS, counters.path("mailboxPlacements").asLong() - base, "every letter placed, none twice: " + counters);
        assertEquals(0, counters.path("lettersPlacedMoreThanOnce").asLong(), counters.toString());
        assertEquals("[]", json(cluster.get("sf1601-simulator", "/admin/duplicates", null).body()).toString());
        for (String id : letterIds) {
            JsonNode letter = json(cluster.get("sf1601-simulator", "/admin/letters/" + id, null).body());
            assertEquals(1, letter.path("mailboxPlacements").asInt(), "letter " + id + ": " + letter);
        }

        // Delivered once per letter (distinct events: the outbox may publish an event again after a crash).
        Set<String> wanted = Set.copyOf(letterIds);
        List<ConsumerRecord<String, String>> delivered = kafka.readUntil(Topics.LETTERS_DELIVERED, Duration.ofSeconds(60),
                seen -> seen.stream().map(ConsumerRecord::key).filter(wanted::contains).collect(Collectors.toSet()).size() == LETTERS);
        Map<String, Set<String>> eventsPerLetter = delivered.stream().filter(r -> wanted.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(r -> json(r.value()).path("eventId").asText(), Collectors.toSet())));
        assertEquals(LETTERS, eventsPerLetter.size(), "every letter reported delivered");
        eventsPerLetter.forEach((letter, events) -> assertEquals(1, events.size(), "letter " + letter + " delivered once"));
    }
}
