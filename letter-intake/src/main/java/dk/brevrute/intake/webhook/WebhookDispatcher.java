package dk.brevrute.intake.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.kit.api.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

/**
 * Sends queued webhook deliveries, signed, with a timeout, retried with exponential back-off for a
 * bounded time. Deliveries are claimed with a lease (FOR UPDATE SKIP LOCKED), so replicas share the
 * queue; sending happens outside any transaction, on a bounded pool where one subscription never
 * holds more than a few workers, so a slow or dead endpoint cannot hold up other departments.
 */
@ApplicationScoped
class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private record Claim(long id, UUID subscriptionId, UUID eventId, String payload, int attempts, Instant createdAt,
            String url, String secret) {
    }

    private final EntityManager em;
    private final IntakeConfig config;
    private final Webhooks webhooks;
    private final ExecutorService pool;
    private final Semaphore free;
    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final HttpClient http;

    WebhookDispatcher(EntityManager em, IntakeConfig config, Webhooks webhooks) {
        this.em = em;
        this.config = config;
        this.webhooks = webhooks;
        this.pool = Executors.newFixedThreadPool(config.webhooks().concurrency(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        this.free = new Semaphore(config.webhooks().concurrency());
        this.http = HttpClient.newBuilder().connectTimeout(config.webhooks().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }

    @Scheduled(every = "${intake.webhooks.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        int capacity = free.availablePermits();
        if (capacity == 0) {
            return;
        }
        List<Claim> claims;
        try {
            claims = QuarkusTransaction.requiringNew().call(() -> claim(capacity * 2));
        } catch (RuntimeException e) {
            LOG.warnf("webhooks: cannot claim deliveries (%s)", e.getClass().getSimpleName());
            return;
        }
        List<Long> unstarted = new java.util.ArrayList<>();
        for (Claim c : claims) {
            AtomicInteger mine = inFlight.computeIfAbsent(c.subscriptionId(), k -> new AtomicInteger());
            if (mine.get() >= config.webhooks().perSubscription() || !free.tryAcquire()) {
                unstarted.add(c.id());
                continue;
            }
            mine.incrementAndGet();
            pool.execute(() -> {
                try {
                    send(c);
                } finally {
                    mine.decrementAndGet();
                    free.release();
                }
            });
        }
        if (!unstarted.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE webhook_delivery SET next_attempt_at = now() WHERE id IN (?1) AND state = 'PENDING'")
                    .setParameter(1, unstarted).executeUpdate());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Claim> claim(int limit) {
        Duration lease = config.webhooks().timeout().multipliedBy(3);
        List<Object[]> rows = em.createNativeQuery("""
                UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => ?2)
                FROM webhook_subscription s
                WHERE d.subscription_id = s.id AND d.id IN (
                    SELECT id FROM webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, id LIMIT ?1 FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.subscription_id, d.event_id, d.payload, d.attempts, d.created_at, s.url, s.secret""")
                .setParameter(1, limit)
                .setParameter(2, (double) lease.toSeconds())
                .getResultList();
        return rows.stream().map(r -> new Claim(((Number) r[0]).longValue(), (UUID) r[1], (UUID) r[2], (String) r[3],
                ((Number) r[4]).intValue(), toInstant(r[5]), (String) r[6], (String) r[7])).toList();
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }

    private void send(Claim c) {
        Integer status = null;
        String error = null;
        try {
            URI uri = webhooks.checkUrl(c.url());
            byte[] body = c.payload().getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(config.webhooks().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Brevrute-Webhooks/1")
                    .header(WebhookSignature.EVENT_ID_HEADER, c.eventId().toString())
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(c.secret(), Instant.now(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (ProblemException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName();
        }
        record(c, status, error);
    }

    private void record(Claim c, Integer status, String error) {
        Instant now = Instant.now();
        int attempts = c.attempts() + 1;
        String state;
        Instant next = now;
        if (error == null) {
            state = "DELIVERED";
        } else if (now.isAfter(c.createdAt().plus(config.webhooks().giveUpAfter()))) {
            state = "GAVE_UP";
            LOG.warnf("webhook delivery of event %s gave up after %d attempts (%s)", c.eventId(), attempts, error);
        } else {
            state = "PENDING";
            long backoffMs = Math.min(config.webhooks().maxBackoff().toMillis(), 1000L << Math.min(attempts - 1, 20));
            next = now.plusMillis(backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1));
        }
        Instant nextAttempt = next;
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE webhook_delivery SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_status_code = ?5,
                        last_error = ?6, delivered_at = CASE WHEN ?2 = 'DELIVERED' THEN now() ELSE delivered_at END
                    WHERE id = ?1""")
                    .setParameter(1, c.id())
                    .setParameter(2, state)
                    .setParameter(3, attempts)
                    .setParameter(4, nextAttempt)
                    .setParameter(5, new TypedParameterValue<>(StandardBasicTypes.INTEGER, status))
                    .setParameter(6, new TypedParameterValue<>(StandardBasicTypes.STRING, error))
                    .executeUpdate());
        } catch (RuntimeException e) {
            // The lease runs out and the delivery is tried again: the receiver de-duplicates by event id.
            LOG.warnf("webhook delivery %d: outcome not recorded (%s)", c.id(), e.getClass().getSimpleName());
        }
    }
}
