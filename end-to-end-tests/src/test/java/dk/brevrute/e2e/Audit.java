package dk.brevrute.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;
import dk.brevrute.testinfra.BrevruteInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What happened to one mailing's letters, established at the destinations rather than from what
 * the services say about themselves: the simulator's mailbox (every placement, per letter), the
 * print centre's manifests (the letters physically in each print file), the ledger's bookings per
 * letter; plus the events for what was accepted, re-routed, failed or cancelled. A letter is
 * lost when it was accepted and is in no mailbox, on no paper, and not failed or cancelled with a
 * recorded reason; it is sent twice when it is in a mailbox twice, in two print files, or in both
 * channels without a recorded UNREAD_DEADLINE or DEADLINE fallback.
 */
final class Audit {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGITAL_FAILED = "PRINT/DIGITAL_FAILED";

    /** One letter's facts. */
    static final class Letter {
        final UUID id;
        int mailboxPlacements;
        int printFiles;
        boolean handedOver;
        final List<String> routings = new ArrayList<>();
        String failedReason;
        boolean cancelled;
        int digitalBookings;
        int printBookings;

        Letter(UUID id) {
            this.id = id;
        }

        boolean bothChannelsRecorded() {
            return routings.contains("PRINT/UNREAD_DEADLINE") || routings.contains("PRINT/DIGITAL_FAILED/DEADLINE");
        }

        boolean digital() {
            return mailboxPlacements > 0;
        }

        boolean paper() {
            return handedOver;
        }

        boolean lost() {
            return !digital() && !paper() && failedReason == null && !cancelled;
        }

        boolean twice() {
            return mailboxPlacements > 1 || printFiles > 1 || (digital() && printFiles > 0 && !bothChannelsRecorded());
        }

        boolean bookedAsDelivered() {
            return digitalBookings == (digital() ? 1 : 0) && printBookings == (paper() ? 1 : 0);
        }
    }

    /** The scenario's table. */
    record Report(String scenario, int accepted, int digital, int paper, Map<String, Integer> digitalFailedByKind,
            int unreadDeadline, Map<String, Integer> failedByReason, int cancelled, List<UUID> lost, List<UUID> twice,
            List<UUID> ledgerMismatch, Duration drain, List<String> examples) {

        String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("%n=== %s ===%n", scenario));
            row(b, "accepted", accepted);
            row(b, "placed in a digital mailbox", digital);
            row(b, "handed over on paper", paper);
            row(b, "DIGITAL_FAILED (fallback to paper)", digitalFailedByKind.values().stream().mapToInt(Integer::intValue).sum());
            digitalFailedByKind.forEach((k, v) -> row(b, "  " + k, v));
            row(b, "UNREAD_DEADLINE (paper after unread)", unreadDeadline);
            row(b, "failed with a recorded reason", failedByReason.values().stream().mapToInt(Integer::intValue).sum());
            failedByReason.forEach((k, v) -> row(b, "  " + k, v));
            row(b, "cancelled", cancelled);
            row(b, "lost (must be 0)", lost.size());
            row(b, "delivered twice (must be 0)", twice.size());
            row(b, "ledger bookings != deliveries (must be 0)", ledgerMismatch.size());
            b.append(String.format("  %-42s %7d s%n", "time to drain", drain.toSeconds()));
            return b.toString();
        }

        private static void row(StringBuilder b, String label, int n) {
            b.append(String.format("  %-42s %7d%n", label, n));
        }
    }

    private final Cluster cluster;
    private final String prefix;
    private final Map<UUID, Letter> letters = new HashMap<>();

    private Audit(Cluster cluster, String prefix) {
        this.cluster = cluster;
        this.prefix = prefix;
    }

    /** Collects the facts of the letters whose sender reference starts with {@code prefix}. */
    static Report of(Cluster cluster, String scenario, String prefix, Duration drain) {
        Audit audit = new Audit(cluster, prefix);
        audit.collect();
        return audit.report(scenario, drain);
    }

    private void collect() {
        // Accepted: letters.submitted.v1 (the outbox may publish an event again after a crash: by letter id).
        readAll(List.of(Topics.LETTERS_SUBMITTED), r -> {
            JsonNode e = json(r.value());
            if (e.path("senderReference").asText("").startsWith(prefix)) {
                UUID id = UUID.fromString(e.path("letterId").asText());
                letters.computeIfAbsent(id, Letter::new);
            }
        });
        Map<UUID, TreeMap<Integer, String>> routed = new HashMap<>();
        readAll(List.of(Topics.LETTERS_ROUTED), r -> {
            JsonNode e = json(r.value());
            UUID id = UUID.fromString(e.path("letterId").asText());
            if (letters.containsKey(id)) {
                String decision = e.path("channel").asText() + "/" + e.path("reason").asText()
                        + (e.hasNonNull("failureKind") ? "/" + e.path("failureKind").asText() : "");
                routed.computeIfAbsent(id, k -> new TreeMap<>()).put(e.path("sequence").asInt(1), decision);
            }
        });
        routed.forEach((id, decisions) -> letters.get(id).routings.addAll(decisions.values()));
        List<String> feeds = Department.defaults().stream().map(Topics::lettersStatusChanged).toList();
        readAll(feeds, r -> {
            JsonNode e = json(r.value());
            if (!e.hasNonNull("letterId")) {
                return;
            }
            Letter l = letters.get(UUID.fromString(e.path("letterId").asText()));
            if (l != null) {
                switch (e.path("status").asText()) {
                    case "FAILED" -> l.failedReason = e.path("reason").asText("unknown");
                    case "CANCELLED" -> l.cancelled = true;
                    default -> {
                    }
                }
            }
        });

        for (JsonNode placement : getJson("sf1601-simulator", "/admin/mailbox", null)) {
            Letter l = letters.get(UUID.fromString(placement.path("messageUuid").asText()));
            if (l != null) {
                l.mailboxPlacements++;
            }
        }

        String operator = BrevruteInfrastructure.tokens().issue("e2e-audit", null, List.of("operator"));
        for (int page = 0; ; page++) {
            JsonNode batches = getJson("print-center-service", "/api/v1/batches?size=200&page=" + page, operator);
            if (batches.isEmpty()) {
                break;
            }
            for (JsonNode batch : batches) {
                if (!batch.path("printFileReady").asBoolean()) {
                    continue;
                }
                boolean handedOver = "HANDED_OVER".equals(batch.path("state").asText());
                JsonNode manifest = getJson("print-center-service", "/api/v1/batches/" + batch.path("id").asText() + "/manifest.json",
                        operator);
                Set<UUID> inFile = new HashSet<>();
                manifest.findValues("letterId").forEach(v -> inFile.add(UUID.fromString(v.asText())));
                for (UUID id : inFile) {
                    Letter l = letters.get(id);
                    if (l != null) {
                        l.printFiles++;
                        l.handedOver |= handedOver;
                    }
                }
            }
        }

        String finance = BrevruteInfrastructure.tokens().issue("e2e-audit", null, List.of("finance"));
        for (Letter l : letters.values()) {
            var r = cluster.get("savings-ledger", "/api/v1/bookings/" + l.id, finance);
            if (r.statusCode() == 404) {
                continue;
            }
            for (JsonNode booking : json(r.body()).path("bookings")) {
                switch (booking.path("channel").asText()) {
                    case "DIGITAL" -> l.digitalBookings++;
                    case "PRINT" -> l.printBookings++;
                    default -> {
                    }
                }
            }
        }
    }

    private Report report(String scenario, Duration drain) {
        Map<String, Integer> digitalFailed = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        int digital = 0;
        int paper = 0;
        int unread = 0;
        int cancelled = 0;
        List<UUID> lost = new ArrayList<>();
        List<UUID> twice = new ArrayList<>();
        List<UUID> ledger = new ArrayList<>();
        for (Letter l : letters.values()) {
            digital += l.digital() ? 1 : 0;
            paper += l.paper() ? 1 : 0;
            cancelled += l.cancelled ? 1 : 0;
            for (String r : l.routings) {
                if (r.startsWith(DIGITAL_FAILED)) {
                    digitalFailed.merge(r.length() > DIGITAL_FAILED.length() ? r.substring(DIGITAL_FAILED.length() + 1) : "unknown", 1,
                            Integer::sum);
                }
                if (r.equals("PRINT/UNREAD_DEADLINE")) {
                    unread++;
                }
            }
            if (l.failedReason != null) {
                failed.merge(l.failedReason, 1, Integer::sum);
            }
            if (l.lost()) {
                lost.add(l.id);
            }
            if (l.twice()) {
                twice.add(l.id);
            }
            if (!l.bookedAsDelivered()) {
                ledger.add(l.id);
            }
        }
        List<String> examples = java.util.stream.Stream.of(lost, twice, ledger).flatMap(List::stream).distinct().limit(10)
                .map(this::describe).toList();
        return new Report(scenario, letters.size(), digital, paper, digitalFailed, unread, failed, cancelled, lost, twice, ledger,
                drain, examples);
    }

    /** One letter's facts, for a failure message. */
    private String describe(UUID id) {
        Letter l = letters.get(id);
        return l == null ? id + ": unknown" : String.format("%s: mailbox %d, print files %d (handed over %s), routings %s, failed %s, "
                + "cancelled %s, bookings digital %d print %d", id, l.mailboxPlacements, l.printFiles, l.handedOver, l.routings,
                l.failedReason, l.cancelled, l.digitalBookings, l.printBookings);
    }

    private JsonNode getJson(String service, String path, String token) {
        var r = cluster.get(service, path, token);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + service + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return json(r.body());
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }

    /** Every record now on {@code topics}, from the beginning up to the end offsets of this moment. */
    private void readAll(List<String> topics, Consumer<ConsumerRecord<String, String>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.infra().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }
}
