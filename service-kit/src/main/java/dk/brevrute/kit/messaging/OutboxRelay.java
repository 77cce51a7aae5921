package dk.brevrute.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import dk.brevrute.kit.observability.MessagingMetrics;
import dk.brevrute.kit.observability.TraceContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka with the idempotent producer and deletes them once the broker has
 * acknowledged every record of the batch. A crash between publish and delete re-publishes the batch:
 * harmless, because every consumer de-duplicates by event id. A PostgreSQL advisory lock lets one
 * replica relay at a time, which keeps each key's events in commit order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by the replicas of one service (each service has its own database). */
    private static final long RELAY_LOCK = 0x6272_6576_7275_7465L;

    private final EntityManager em;
    private final MessagingMetrics metrics;
    private final Map<String, Object> kafkaConfig;
    private final int batchSize;
    private final Duration pollInterval;
    private final boolean enabled;
    private final String applicationName;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, String> producer;

    OutboxRelay(EntityManager em, MessagingMetrics metrics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "brevrute.outbox.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "brevrute.outbox.poll-interval", defaultValue = "PT0.5S") Duration pollInterval,
            @ConfigProperty(name = "brevrute.outbox.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.em = em;
        this.metrics = metrics;
        this.kafkaConfig = kafkaConfig;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.enabled = enabled;
        this.applicationName = applicationName;
    }

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /** Starts publishing (at start-up, or after {@link #stop()}: what is in the outbox then goes out). */
    public synchronized void start() {
        if (running) {
            return;
        }
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops publishing; rows stay in the outbox until {@link #start()} (or the next start-up). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    void onAppended(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Appended appended) {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                wakeUp.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
                int published;
                do {
                    published = QuarkusTransaction.requiringNew().timeout(60).call(this::publishBatch);
                } while (running && published == batchSize);
                backoff = pollInterval;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Database or broker unavailable: the rows stay; try again, more slowly.
                LOG.warnf("outbox relay: %s; retrying in %s", e.getClass().getSimpleName(), backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    /** Publishes up to one batch in the current transaction; returns how many rows it published. */
    int publishBatch() throws Exception {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, RELAY_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT id, topic, record_key, event_type, payload, event_id, traceparent, tracestate FROM outbox_event "
                        + "WHERE failed_at IS NULL ORDER BY id LIMIT ?1")
                .setParameter(1, batchSize)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>((String) row[1], (String) row[2], (String) row[4]);
            record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("brevrute-event-type", ((String) row[3]).getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("brevrute-event-id", row[5].toString().getBytes(StandardCharsets.UTF_8)));
            // The appending transaction's trace: the consumer's spans continue it (W3C trace context).
            if (row[6] != null) {
                record.headers().add(new RecordHeader(TraceContext.TRACEPARENT, ((String) row[6]).getBytes(StandardCharsets.UTF_8)));
                if (row[7] != null) {
                    record.headers().add(new RecordHeader(TraceContext.TRACESTATE, ((String) row[7]).getBytes(StandardCharsets.UTF_8)));
                }
            }
            sent.add(producer.send(record));
            ids.add(((Number) row[0]).longValue());
        }
        List<Long> published = new ArrayList<>(ids.size());
        Map<String, Integer> perTopic = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
                published.add(ids.get(i));
                perTopic.merge((String) rows.get(i)[1], 1, Integer::sum);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableException) {
                    throw e;
                }
                // Refused for good: set it aside so the rows behind it are not blocked for ever.
                String reason = e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName();
                LOG.errorf("outbox relay: event %s for %s refused by the broker (%s); set aside", rows.get(i)[5], rows.get(i)[1], reason);
                em.createNativeQuery("UPDATE outbox_event SET failed_at = now(), failure = ?2 WHERE id = ?1")
                        .setParameter(1, ids.get(i))
                        .setParameter(2, reason)
                        .executeUpdate();
            }
        }
        if (!published.isEmpty()) {
            em.createNativeQuery("DELETE FROM outbox_event WHERE id IN (?1)")
                    .setParameter(1, published)
                    .executeUpdate();
        }
        // Counted before the commit: a crash now publishes these again, and they are counted again.
        perTopic.forEach(metrics::published);
        return rows.size();
    }
}
