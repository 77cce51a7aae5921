package dk.brevrute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.brevrute.events.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What happened to every request of the run, from the pipeline's own topics (read from the
 * beginning without a consumer group, so the services' offsets are untouched): letters.submitted
 * (accepted, letter id), letters.rejected, letters.routed (channel), letters.delivered (per channel,
 * with the distinct event ids and amounts) and letters.delivery-failed. Times are the records'
 * timestamps (CreateTime: set by the publishing service's outbox relay when it sends), the same
 * clock as the bench's own submit times. Requests are known by sender reference, events by letter id;
 * events may be read before the letter's submission, so both are kept and joined when asked.
 */
final class Tracker implements AutoCloseable {

    /** One request as sent. */
    static final class Sent {
        final PlannedLetter plan;
        volatile long submittedAt;
        volatile long respondedAt;
        volatile int httpStatus;
        volatile boolean sendFailed;
        UUID letterId;
        long acceptedAt;
        long rejectedAt;
        List<String> rejectionCodes = List.of();

        Sent(PlannedLetter plan) {
            this.plan = plan;
        }
    }

    /** A channel's deliveries of one letter. */
    static final class Delivery {
        long firstAt;
        final Set<String> eventIds = new HashSet<>();
        String department;
        BigDecimal postage;
        BigDecimal materialCost;
        BigDecimal digitalFee;
    }

    /** Everything the events say about one letter id. */
    static final class Fate {
        String senderReference;
        long routedAt;
        int routings;
        String channel;
        String reason;
        final Map<String, Delivery> delivered = new LinkedHashMap<>();
        long failedAt;
        String failureKind;
        String failureReason;
        int transientFailures;
    }

    private final String bootstrap;
    private final String referencePrefix;
    private final Map<String, Sent> sent = new HashMap<>();
    private final Map<UUID, Fate> fates = new HashMap<>();
    private final Map<String, SizeSample> sizes = new LinkedHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread thread;
    private volatile Throwable failure;

    Tracker(String bootstrap, String referencePrefix) {
        this.bootstrap = bootstrap;
        this.referencePrefix = referencePrefix;
    }

    synchronized void plan(Collection<PlannedLetter> letters) {
        for (PlannedLetter l : letters) {
            sent.put(l.senderReference(), new Sent(l));
        }
    }

    synchronized Sent sent(String reference) {
        return sent.get(reference);
    }

    void start() {
        thread = new Thread(this::run, "bench-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    Throwable failure() {
        return failure;
    }

    private void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "brevrute-bench-tracker");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.LETTERS_SUBMITTED, Topics.LETTERS_REJECTED, Topics.LETTERS_ROUTED, Topics.LETTERS_DELIVERED,
                    Topics.DELIVERY_FAILED)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                synchronized (this) {
                    for (ConsumerRecord<String, String> r : records) {
                        apply(r);
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
            System.err.println("bench: tracker stopped: " + e);
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        sizes.computeIfAbsent(r.topic(), t -> new SizeSample()).add(r);
        JsonNode e;
        try {
            e = Requests.JSON.readTree(r.value());
        } catch (Exception ex) {
            return; // not a record the bench reads
        }
        long ts = r.timestamp();
        switch (r.topic()) {
            case Topics.LETTERS_SUBMITTED -> {
                Sent s = ours(e.path("senderReference").asText(null));
                if (s == null) {
                    return;
                }
                UUID id = UUID.fromString(e.path("letterId").asText());
                s.letterId = id;
                s.acceptedAt = s.acceptedAt == 0 ? ts : Math.min(s.acceptedAt, ts);
                fate(id).senderReference = s.plan.senderReference();
            }
            case Topics.LETTERS_REJECTED -> {
                Sent s = ours(e.path("senderReference").asText(null));
                if (s == null) {
                    return;
                }
                s.rejectedAt = ts;
                List<String> codes = new ArrayList<>();
                e.path("violations").forEach(v -> codes.add(v.path("code").asText()));
                s.rejectionCodes = List.copyOf(codes);
            }
            case Topics.LETTERS_ROUTED -> {
                String ref = e.path("letter").path("senderReference").asText(null);
                if (ours(ref) == null) {
                    return;
                }
                Fate f = fate(UUID.fromString(e.path("letterId").asText()));
                f.senderReference = ref;
                f.routings++;
                f.routedAt = f.routedAt == 0 ? ts : Math.min(f.routedAt, ts);
                f.channel = e.path("channel").asText();
                f.reason = e.path("reason").asText();
            }
            case Topics.LETTERS_DELIVERED -> {
                Fate f = fate(UUID.fromString(e.path("letterId").asText()));
                Delivery d = f.delivered.computeIfAbsent(e.path("channel").asText(), c -> new Delivery());
                if (d.eventIds.isEmpty()) {
                    d.firstAt = ts;
                    d.department = e.path("department").asText(null);
                    d.postage = decimal(e, "postage");
                    d.materialCost = decimal(e, "materialCost");
                    d.digitalFee = decimal(e, "digitalFee");
                }
                d.eventIds.add(e.path("eventId").asText());
            }
            case Topics.DELIVERY_FAILED -> {
                Fate f = fate(UUID.fromString(e.path("letterId").asText()));
                String kind = e.path("kind").asText();
                if (kind.equals("TRANSIENT")) {
                    f.transientFailures++;
                    return;
                }
                if (f.failedAt == 0) {
                    f.failedAt = ts;
                    f.failureKind = e.path("channel").asText() + "/" + kind;
                    f.failureReason = e.path("reason").asText(null);
                }
            }
            default -> {
            }
        }
    }

    private static BigDecimal decimal(JsonNode e, String field) {
        JsonNode n = e.path(field);
        return n.isMissingNode() || n.isNull() ? null : n.decimalValue();
    }

    private Sent ours(String reference) {
        if (reference == null || !reference.startsWith(referencePrefix)) {
            return null;
        }
        return sent.get(reference);
    }

    private Fate fate(UUID id) {
        return fates.computeIfAbsent(id, k -> new Fate());
    }

    /** A consistent copy of one phase's requests with their fates (null while no letter id is known). */
    synchronized List<View> view(String phase) {
        List<View> result = new ArrayList<>();
        for (Sent s : sent.values()) {
            if (phase != null && !s.plan.phase().equals(phase)) {
                continue;
            }
            result.add(new View(s, s.letterId == null ? null : fates.get(s.letterId)));
        }
        return result;
    }

    /** Delivery events for letters the bench did not send (must be none on a fresh system). */
    synchronized int foreignDeliveries() {
        Set<UUID> ours = new HashSet<>();
        sent.values().forEach(s -> {
            if (s.letterId != null) {
                ours.add(s.letterId);
            }
        });
        int n = 0;
        for (Map.Entry<UUID, Fate> f : fates.entrySet()) {
            if (!f.getValue().delivered.isEmpty() && !ours.contains(f.getKey())) {
                n++;
            }
        }
        return n;
    }

    synchronized Map<String, SizeSample> sizes() {
        Map<String, SizeSample> copy = new LinkedHashMap<>();
        sizes.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    record View(Sent sent, Fate fate) {
        boolean accepted() {
            return sent.letterId != null;
        }

        boolean rejected() {
            return sent.rejectedAt != 0;
        }

        boolean delivered(String channel) {
            return fate != null && fate.delivered.containsKey(channel);
        }

        boolean failed() {
            return fate != null && fate.failedAt != 0;
        }

        /** Delivered in some channel, failed for good, or rejected: nothing more will happen. */
        boolean finished() {
            return rejected() || (fate != null && (!fate.delivered.isEmpty() || fate.failedAt != 0));
        }

        /** When it finished (first delivery or failure, or rejection), 0 if not. */
        long finishedAt() {
            if (rejected()) {
                return sent.rejectedAt;
            }
            if (fate == null) {
                return 0;
            }
            long at = Long.MAX_VALUE;
            for (Delivery d : fate.delivered.values()) {
                at = Math.min(at, d.firstAt);
            }
            if (fate.failedAt != 0) {
                at = Math.min(at, fate.failedAt);
            }
            return at == Long.MAX_VALUE ? 0 : at;
        }
    }

    /** Serialized sizes of a topic's records (value, key, headers), the first 20,000 kept for the raw chain. */
    static final class SizeSample {
        static final int KEEP = 20_000;
        long count;
        long valueBytes;
        long keyBytes;
        long headerBytes;
        final List<int[]> kept = new ArrayList<>();

        void add(ConsumerRecord<String, String> r) {
            int v = Math.max(0, r.serializedValueSize());
            int k = Math.max(0, r.serializedKeySize());
            int h = 0;
            for (var header : r.headers()) {
                h += header.key().length() + (header.value() == null ? 0 : header.value().length);
            }
            add(v, k, h);
        }

        void add(int value, int key, int headers) {
            count++;
            valueBytes += value;
            keyBytes += key;
            headerBytes += headers;
            if (kept.size() < KEEP) {
                kept.add(new int[] {value, key, headers});
            }
        }

        double meanValue() {
            return count == 0 ? 0 : (double) valueBytes / count;
        }

        double meanKey() {
            return count == 0 ? 0 : (double) keyBytes / count;
        }

        double meanHeaders() {
            return count == 0 ? 0 : (double) headerBytes / count;
        }

        SizeSample copy() {
            SizeSample c = new SizeSample();
            c.count = count;
            c.valueBytes = valueBytes;
            c.keyBytes = keyBytes;
            c.headerBytes = headerBytes;
            c.kept.addAll(kept);
            return c;
        }
    }

    @Override
    public void close() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
