package dk.brevrute.simulator.receipt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.brevrute.simulator.config.SimulatorConfig;
import org.jboss.logging.Logger;

/**
 * Pushes status messages (shaped after Serviceplatformen's PostStatusBesked) to the configured
 * callback: a read receipt after the configured delay for the configured share of placed letters,
 * and any receipt on request from the admin endpoint. Connection errors and 5xx answers are retried
 * with a doubling wait; other answers end the push.
 */
@ApplicationScoped
public class ReceiptPusher {

    private static final Logger LOG = Logger.getLogger(ReceiptPusher.class);

    /** Receipt settings that the admin endpoint may change. */
    public record Settings(URI callbackUrl, Long delayMillis, Double readShare) {
    }

    private final SimulatorConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "receipt-pusher");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Settings settings;

    ReceiptPusher(SimulatorConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        reset();
    }

    public final void reset() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        pushed.set(0);
        failed.set(0);
        SimulatorConfig.Receipts r = config.receipts();
        settings = new Settings(r.callbackUrl().orElse(null), r.delay().toMillis(), r.readShare());
    }

    public Settings settings() {
        return settings;
    }

    public synchronized Settings update(Settings u) {
        Settings s = settings;
        if (u.readShare() != null && (u.readShare() < 0 || u.readShare() > 1)) {
            throw new IllegalArgumentException("readShare must be between 0 and 1");
        }
        if (u.delayMillis() != null && u.delayMillis() < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative");
        }
        settings = new Settings(u.callbackUrl() != null ? u.callbackUrl() : s.callbackUrl(),
                u.delayMillis() != null ? u.delayMillis() : s.delayMillis(),
                u.readShare() != null ? u.readShare() : s.readShare());
        return settings;
    }

    public long pushed() {
        return pushed.get();
    }

    public long failed() {
        return failed.get();
    }

    /** A letter was placed in a mailbox: maybe its recipient reads it. */
    public void placed(UUID transactionId, UUID messageUuid) {
        Settings s = settings;
        if (s.callbackUrl() == null || !isRead(messageUuid, s.readShare())) {
            return;
        }
        schedule(Duration.ofMillis(s.delayMillis()), transactionId, messageUuid, "read", null, 1);
    }

    /** Pushes a receipt now (admin endpoint). */
    public void push(UUID transactionId, UUID messageUuid, String status, String reason) {
        schedule(Duration.ZERO, transactionId, messageUuid, status, reason, 1);
    }

    /** Whether the recipient of this letter reads it: the same answer for the same letter every time. */
    static boolean isRead(UUID messageUuid, double share) {
        if (share <= 0) {
            return false;
        }
        if (share >= 1) {
            return true;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(messageUuid.toString().getBytes(StandardCharsets.US_ASCII));
            long bits = (h[0] & 0xffL) << 24 | (h[1] & 0xffL) << 16 | (h[2] & 0xffL) << 8 | (h[3] & 0xffL);
            return bits / 4_294_967_296.0 < share;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void schedule(Duration delay, UUID transactionId, UUID messageUuid, String status, String reason, int attempt) {
        long id = sequence.incrementAndGet();
        Instant time = Instant.now().plus(delay);
        ScheduledFuture<?> f = scheduler.schedule(() -> {
            pending.remove(id);
            send(transactionId, messageUuid, status, reason, time, attempt);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(id, f);
    }

    private void send(UUID transactionId, UUID messageUuid, String status, String reason, Instant time, int attempt) {
        URI target = settings.callbackUrl();
        if (target == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transactionId", transactionId.toString());
        if (messageUuid != null) {
            body.put("messageUuid", messageUuid.toString());
        }
        body.put("status", status);
        body.put("time", time.toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        boolean retry;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
            Optional<String> token = config.receipts().token();
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            int code = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (code / 100 == 2) {
                pushed.incrementAndGet();
                return;
            }
            retry = code >= 500;
            LOG.infof("receipt %s for transaction %s answered %d", status, transactionId, code);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.io.IOException e) {
            retry = true;
            LOG.infof("receipt %s for transaction %s not delivered (%s)", status, transactionId, e.getClass().getSimpleName());
        }
        if (retry && attempt < config.receipts().attempts()) {
            long wait = 1000L << Math.min(attempt - 1, 5);
            long id = sequence.incrementAndGet();
            pending.put(id, scheduler.schedule(() -> {
                pending.remove(id);
                send(transactionId, messageUuid, status, reason, time, attempt + 1);
            }, wait, TimeUnit.MILLISECONDS));
        } else {
            failed.incrementAndGet();
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
