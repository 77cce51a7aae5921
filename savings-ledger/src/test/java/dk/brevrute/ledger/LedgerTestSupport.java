package dk.brevrute.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.PostageClass;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Tokens, events and waits shared by the ledger's Quarkus tests. */
public final class LedgerTestSupport {

    public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    public static final String FINANCE_USER = "finance-anna";
    public static final String FINANCE = BrevruteInfrastructure.tokens().issue(FINANCE_USER, null, List.of("finance"));
    public static final String NOT_FINANCE = BrevruteInfrastructure.tokens().issue("buf-system", "BUF", List.of("sender"));

    private LedgerTestSupport() {
    }

    /** Amounts are read as BigDecimal, never through a float. */
    public static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.BIG_DECIMAL));

    public static RequestSpecification asFinance() {
        return given().config(EXACT).auth().oauth2(FINANCE);
    }

    /** Noon, Copenhagen time, on a day given as yyyy-MM-dd. */
    public static Instant noon(String day) {
        return LocalDate.parse(day).atTime(LocalTime.NOON).atZone(ZONE).toInstant();
    }

    public static LetterDelivered digital(UUID letterId, String department, String costCentre, String day, int sheets) {
        return new LetterDelivered(UUID.randomUUID(), noon(day), letterId, department, costCentre, Channel.DIGITAL, noon(day),
                "tx-" + letterId, sheets, PostageClass.B, "DK", null, null, new BigDecimal("0.68"), null);
    }

    public static LetterDelivered print(UUID letterId, String department, String costCentre, String day, int sheets,
            String postage, String material) {
        return new LetterDelivered(UUID.randomUUID(), noon(day), letterId, department, costCentre, Channel.PRINT, noon(day),
                "PN-" + letterId, sheets, PostageClass.B, "DK", new BigDecimal(postage), new BigDecimal(material), null, null);
    }

    /** The same delivery again under a new event id (another producer's retry, not a redelivery). */
    public static LetterDelivered again(LetterDelivered d) {
        return new LetterDelivered(UUID.randomUUID(), d.occurredAt(), d.letterId(), d.department(), d.costCentre(), d.channel(),
                d.deliveredAt(), d.transactionId(), d.sheets(), d.postageClass(), d.zone(), d.postage(), d.materialCost(),
                d.digitalFee(), d.tariffId());
    }

    /**
     * A tariff version as finance enters it, simple enough to price by hand: B-post in Denmark up to
     * 100 g costs {@code postage}, the envelope, paper, print and handling cost nothing, so a 1-2 sheet
     * digital letter saves {@code postage - fee}.
     */
    public static Map<String, Object> simpleTariff(String tariffId, String effectiveFrom, String postage, String fee) {
        Map<String, Object> t = new HashMap<>();
        t.put("tariffId", tariffId);
        t.put("effectiveFrom", effectiveFrom);
        t.put("label", "test tariff " + tariffId);
        t.put("postage", List.of(Map.of("postageClass", "B", "zone", "DK", "maxWeightGrams", 100, "price", new BigDecimal(postage))));
        t.put("envelopes", List.of(Map.of("size", "C5", "price", 0, "weightGrams", 5, "maxSheets", 6)));
        t.put("paperPerSheet", 0);
        t.put("printPerSheet", 0);
        t.put("handlingPerLetter", 0);
        t.put("digitalPostFee", new BigDecimal(fee));
        t.put("sheetWeightGrams", 5);
        return t;
    }

    public static void addTariff(Map<String, Object> tariff) {
        asFinance().contentType(ContentType.JSON).body(tariff).post("/api/v1/tariffs").then().statusCode(201);
    }

    /** A letter's bookings and entries, once {@code done} holds for them. */
    public static JsonPath awaitLetter(UUID letterId, Predicate<JsonPath> done) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = asFinance().get("/api/v1/bookings/" + letterId);
            if (response.statusCode() != 200) {
                return false;
            }
            last[0] = response.jsonPath();
            return done.test(last[0]);
        });
        return last[0];
    }

    public static JsonPath awaitEntries(UUID letterId, int entries) {
        return awaitLetter(letterId, j -> j.getList("entries").size() >= entries);
    }

    public static BigDecimal amount(JsonPath json, String path) {
        Object value = json.get(path);
        return value == null ? null : new BigDecimal(value.toString());
    }

    /** Every record of a topic, from the beginning to its current end. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BrevruteInfrastructure.start().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Waits until the ledger's consumer group has committed every record of the topics. */
    public static void awaitConsumed(String group, List<String> topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BrevruteInfrastructure.start().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> caughtUp(admin, group, topics));
        }
    }

    private static boolean caughtUp(Admin admin, String group, List<String> topics) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        var ends = admin.listOffsets(request).all().get();
        for (var e : ends.entrySet()) {
            long end = e.getValue().offset();
            OffsetAndMetadata c = committed.get(e.getKey());
            if (end > 0 && (c == null || c.offset() < end)) {
                return false;
            }
        }
        return true;
    }
}
