package dk.brevrute.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Lists this service's dead-letter records (their error headers, never their payload: it may hold a
 * CPR number) and re-drives chosen ones to their source topic, once each, recording who did it. A
 * re-driven record keeps its key, value and headers (its event id too, so the consumer's inbox still
 * de-duplicates) and gains {@code brevrute-redriven-from}.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    public static final String REDRIVEN_FROM = "brevrute-redriven-from";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** One dead-letter record as an operator sees it. */
    public record Entry(String topic, int partition, long offset, Instant timestamp, String key,
            String eventType, String eventId, String reason, String cause, String exceptionClass,
            String sourceTopic, Integer sourcePartition, Long sourceOffset, Redrive redriven) {
    }

    /** A re-drive already done. */
    public record Redrive(String by, Instant at, String note, String toTopic, Integer toPartition, Long toOffset) {
    }

    /** Which record to re-drive. */
    public record Ref(String topic, int partition, long offset) {
    }

    /** What became of one requested re-drive: REDRIVEN, ALREADY_REDRIVEN, NOT_FOUND, UNKNOWN_TOPIC, FAILED (try again). */
    public record Result(Ref record, String status, String toTopic, Integer toPartition, Long toOffset) {
    }

    private final EntityManager em;
    private final Map<String, Object> kafkaConfig;
    private final Config config;
    private final String applicationName;
    private KafkaProducer<byte[], byte[]> producer;

    DeadLetters(EntityManager em, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Config config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.em = em;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.applicationName = applicationName;
    }

    public DeadLetterTopics topics() {
        return DeadLetterTopics.from(config);
    }

    /** The newest {@code limit} records of each partition of the given dead-letter topics. */
    public List<Entry> list(List<String> dlqTopics, int limit) {
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            for (String topic : dlqTopics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    continue;
                }
                List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
                Map<TopicPartition, long[]> ranges = new HashMap<>();
                partitions.forEach(tp -> ranges.put(tp, new long[] {Math.max(begin.get(tp), end.get(tp) - limit), end.get(tp)}));
                for (ConsumerRecord<byte[], byte[]> r : read(ranges)) {
                    entries.add(entry(r, redriveOf(topic, r.partition(), r.offset())));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::topic).thenComparing(Entry::partition).thenComparing(Entry::offset));
        return entries;
    }

    /** Re-drives each record once; {@code by} is the caller recorded with it. */
    public List<Result> redrive(List<Ref> refs, String by, String note) {
        DeadLetterTopics topics = topics();
        List<Result> results = new ArrayList<>();
        for (Ref ref : refs) {
            if (!topics.contains(ref.topic())) {
                results.add(new Result(ref, "UNKNOWN_TOPIC", null, null, null));
                continue;
            }
            try {
                results.add(QuarkusTransaction.requiringNew().call(() -> redriveOne(ref, topics.sourceByDlq().get(ref.topic()), by, note)));
            } catch (RuntimeException e) {
                // Rolled back: nothing recorded, so it can be tried again.
                LOG.warnf("dead letter %s/%d/%d: re-drive failed (%s)", ref.topic(), ref.partition(), ref.offset(), e.getClass().getSimpleName());
                results.add(new Result(ref, "FAILED", null, null, null));
            }
        }
        return results;
    }

    private Result redriveOne(Ref ref, String configuredSource, String by, String note) throws Exception {
        // The row first: a second re-drive of the same record, even a concurrent one on another replica, stops here.
        int claimed = em.createNativeQuery("INSERT INTO dead_letter_redrive (dlq_topic, dlq_partition, dlq_offset, source_topic, redriven_by, note) "
                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                .setParameter(1, ref.topic()).setParameter(2, ref.partition()).setParameter(3, ref.offset())
                .setParameter(4, configuredSource).setParameter(5, by).setParameter(6, note)
                .executeUpdate();
        if (claimed == 0) {
            return new Result(ref, "ALREADY_REDRIVEN", null, null, null);
        }
        TopicPartition tp = new TopicPartition(ref.topic(), ref.partition());
        Optional<ConsumerRecord<byte[], byte[]>> found = read(Map.of(tp, new long[] {ref.offset(), ref.offset() + 1})).stream()
                .filter(r -> r.offset() == ref.offset()).findFirst();
        if (found.isEmpty()) {
            QuarkusTransaction.setRollbackOnly();
            return new Result(ref, "NOT_FOUND", null, null, null);
        }
        ConsumerRecord<byte[], byte[]> dead = found.get();
        String source = Optional.ofNullable(header(dead, "dead-letter-topic")).orElse(configuredSource);
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(source, null, dead.key(), dead.value());
        for (Header h : dead.headers()) {
            if (!h.key().startsWith("dead-letter-") && !h.key().equals(REDRIVEN_FROM)) {
                again.headers().add(h);
            }
        }
        again.headers().add(new RecordHeader(REDRIVEN_FROM,
                (ref.topic() + "/" + ref.partition() + "/" + ref.offset()).getBytes(StandardCharsets.UTF_8)));
        RecordMetadata sent = producer().send(again).get(30, TimeUnit.SECONDS);
        em.createNativeQuery("UPDATE dead_letter_redrive SET source_topic = ?4, source_partition = ?5, source_offset = ?6, event_id = ?7, reason = ?8 "
                + "WHERE dlq_topic = ?1 AND dlq_partition = ?2 AND dlq_offset = ?3")
                .setParameter(1, ref.topic()).setParameter(2, ref.partition()).setParameter(3, ref.offset())
                .setParameter(4, source).setParameter(5, sent.partition()).setParameter(6, sent.offset())
                .setParameter(7, header(dead, "brevrute-event-id")).setParameter(8, header(dead, "dead-letter-reason"))
                .executeUpdate();
        LOG.infof("dead letter %s/%d/%d re-driven to %s/%d/%d by %s", ref.topic(), ref.partition(), ref.offset(),
                source, sent.partition(), sent.offset(), by);
        return new Result(ref, "REDRIVEN", source, sent.partition(), sent.offset());
    }

    /** Re-drives of this service's records, for the gauges: dead-letter topic to how many. */
    public Map<String, Long> redrivenSince(Map<TopicPartition, Long> beginnings) {
        Map<String, Long> counts = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> beginnings.forEach((tp, begin) -> {
            long n = ((Number) em.createNativeQuery("SELECT count(*) FROM dead_letter_redrive WHERE dlq_topic = ?1 AND dlq_partition = ?2 AND dlq_offset >= ?3")
                    .setParameter(1, tp.topic()).setParameter(2, tp.partition()).setParameter(3, begin)
                    .getSingleResult()).longValue();
            counts.merge(tp.topic(), n, Long::sum);
        }));
        return counts;
    }

    private Redrive redriveOf(String topic, int partition, long offset) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT redriven_by, redriven_at, note, source_topic, source_partition, source_offset "
                    + "FROM dead_letter_redrive WHERE dlq_topic = ?1 AND dlq_partition = ?2 AND dlq_offset = ?3")
                    .setParameter(1, topic).setParameter(2, partition).setParameter(3, offset)
                    .getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.get(0);
            return new Redrive((String) r[0], toInstant(r[1]), (String) r[2], (String) r[3],
                    r[4] == null ? null : ((Number) r[4]).intValue(), r[5] == null ? null : ((Number) r[5]).longValue());
        });
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }

    private static Entry entry(ConsumerRecord<byte[], byte[]> r, Redrive redrive) {
        String partition = header(r, "dead-letter-partition");
        String offset = header(r, "dead-letter-offset");
        return new Entry(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                header(r, "brevrute-event-type"), header(r, "brevrute-event-id"),
                header(r, "dead-letter-reason"), header(r, "dead-letter-cause"), header(r, "dead-letter-exception-class-name"),
                header(r, "dead-letter-topic"), partition == null ? null : Integer.valueOf(partition),
                offset == null ? null : Long.valueOf(offset), redrive);
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The records of each partition in [from, to), read by a consumer of their own (no group, nothing committed). */
    private List<ConsumerRecord<byte[], byte[]>> read(Map<TopicPartition, long[]> ranges) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<TopicPartition, long[]> wanted = new HashMap<>();
        ranges.forEach((tp, r) -> {
            if (r[0] < r[1]) {
                wanted.put(tp, r);
            }
        });
        if (wanted.isEmpty()) {
            return out;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(wanted.keySet());
            wanted.forEach((tp, r) -> consumer.seek(tp, r[0]));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && wanted.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()[1])) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long[] range = wanted.get(new TopicPartition(r.topic(), r.partition()));
                    if (range != null && r.offset() >= range[0] && r.offset() < range[1]) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> c = clientConfig();
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationName + "-dead-letters-" + UUID.randomUUID().toString().substring(0, 8));
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> c = clientConfig();
            c.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-redrive");
            c.put(ProducerConfig.ACKS_CONFIG, "all");
            c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Bootstrap servers and TLS/SASL settings of the service's Kafka configuration, as the relay uses. */
    Map<String, Object> clientConfig() {
        Map<String, Object> c = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                c.put(k, v);
            }
        });
        return c;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
