package dk.brevrute.kit.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import dk.brevrute.kit.deadletter.DeadLetterTopics;
import dk.brevrute.kit.deadletter.DeadLetters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gauges read on a timer, not per scrape: the outbox backlog and the age of its oldest row, rows the
 * broker refused, this service's consumer lag per topic (committed offsets against the log end, from
 * the admin client), and dead-letter records not yet re-driven. Every replica reports the same
 * figures (they come from the shared database and broker): aggregate them with {@code max}.
 */
@ApplicationScoped
public class BacklogGauges {

    private static final Logger LOG = Logger.getLogger(BacklogGauges.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final EntityManager em;
    private final MeterRegistry registry;
    private final DeadLetters deadLetters;
    private final Map<String, Object> kafkaConfig;
    private final String group;
    private final Duration interval;
    private final boolean enabled;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final Map<String, AtomicLong> lagByTopic = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadByTopic = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private Admin admin;

    BacklogGauges(EntityManager em, MeterRegistry registry, DeadLetters deadLetters,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String group,
            @ConfigProperty(name = "brevrute.metrics.refresh-interval", defaultValue = "PT15S") Duration interval,
            @ConfigProperty(name = "brevrute.metrics.backlog.enabled", defaultValue = "true") boolean enabled) {
        this.em = em;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.kafkaConfig = kafkaConfig;
        this.group = group;
        this.interval = interval;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        Gauge.builder("brevrute.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published").register(registry);
        Gauge.builder("brevrute.outbox.oldest.age", oldestAgeMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest outbox row not yet published (0 when none)").register(registry);
        Gauge.builder("brevrute.outbox.failed", failed, AtomicLong::get)
                .description("Outbox rows the broker refused for good, set aside for an operator").register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "brevrute-gauges");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 1_000, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            timer.shutdownNow();
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
                admin = null;
            }
        }
    }

    /** Reads every figure once; failures leave the last values and are retried next time. */
    public void refresh() {
        try {
            refreshOutbox();
        } catch (RuntimeException e) {
            LOG.debugf("outbox gauges: %s", e.getClass().getSimpleName());
        }
        try {
            refreshLag();
            refreshDeadLetters();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debugf("consumer lag / dead-letter gauges: %s", e.getClass().getSimpleName());
        }
    }

    private void refreshOutbox() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT count(*) FILTER (WHERE failed_at IS NULL), count(*) FILTER (WHERE failed_at IS NOT NULL), "
                        + "COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at) FILTER (WHERE failed_at IS NULL))) * 1000, 0) "
                        + "FROM outbox_event")
                .getSingleResult());
        backlog.set(((Number) row[0]).longValue());
        failed.set(((Number) row[1]).longValue());
        oldestAgeMillis.set(Math.max(0, ((Number) row[2]).longValue()));
    }

    private void refreshLag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : admin().listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> lag = new HashMap<>();
        committed.forEach((tp, offset) -> {
            ListOffsetsResult.ListOffsetsResultInfo end = ends.get(tp);
            if (offset != null && end != null) {
                lag.merge(tp.topic(), Math.max(0, end.offset() - offset.offset()), Long::sum);
            }
        });
        set(lagByTopic, lag, topic -> Gauge.builder("brevrute.consumer.lag", gaugeValue(lagByTopic, topic), AtomicLong::get)
                .baseUnit("records").tag("group", group).tag("topic", topic)
                .description("Records on the topic this service's consumer group has not committed yet"));
    }

    private void refreshDeadLetters() throws Exception {
        DeadLetterTopics topics = deadLetters.topics();
        if (topics.sourceByDlq().isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        var futures = admin().describeTopics(topics.sourceByDlq().keySet()).topicNameValues();
        for (var future : futures.values()) {
            try {
                var d = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                d.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    earliest.put(tp, OffsetSpec.earliest());
                    latest.put(tp, OffsetSpec.latest());
                });
            } catch (java.util.concurrent.ExecutionException e) {
                // Not created yet (no record was ever dead-lettered there): nothing pending.
            }
        }
        if (earliest.isEmpty()) {
            return;
        }
        var begins = admin().listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        var ends = admin().listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        Map<String, Long> retained = new HashMap<>();
        begins.forEach((tp, b) -> {
            beginnings.put(tp, b.offset());
            retained.merge(tp.topic(), ends.get(tp).offset() - b.offset(), Long::sum);
        });
        Map<String, Long> redriven = deadLetters.redrivenSince(beginnings);
        Map<String, Long> pending = new HashMap<>();
        retained.forEach((topic, n) -> pending.put(topic, Math.max(0, n - redriven.getOrDefault(topic, 0L))));
        set(deadByTopic, pending, topic -> Gauge.builder("brevrute.dead.letters.pending", gaugeValue(deadByTopic, topic), AtomicLong::get)
                .baseUnit("records").tag("topic", topic)
                .description("Records on this service's dead-letter topic that were not re-driven"));
    }

    private void set(Map<String, AtomicLong> values, Map<String, Long> fresh, Function<String, Gauge.Builder<AtomicLong>> builder) {
        values.forEach((topic, v) -> {
            if (!fresh.containsKey(topic)) {
                v.set(0);
            }
        });
        fresh.forEach((topic, n) -> {
            boolean isNew = !values.containsKey(topic);
            values.computeIfAbsent(topic, t -> new AtomicLong()).set(n);
            if (isNew) {
                builder.apply(topic).register(registry);
            }
        });
    }

    private static AtomicLong gaugeValue(Map<String, AtomicLong> values, String topic) {
        return values.get(topic);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> c = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                    c.put(k, v);
                }
            });
            c.put(AdminClientConfig.CLIENT_ID_CONFIG, group + "-gauges");
            c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            admin = Admin.create(c);
        }
        return admin;
    }
}
