package dk.brevrute.eboks.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.eboks.config.GatewayConfig;
import dk.brevrute.eboks.tariff.Tariffs;
import dk.brevrute.events.Channel;
import dk.brevrute.events.DeliveryFailed;
import dk.brevrute.events.FailureKind;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterRead;
import dk.brevrute.events.PostageClass;
import dk.brevrute.events.Topics;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.kit.observability.TraceContext;
import org.jboss.logging.Logger;

/**
 * Records the outcome of one attempt and its events in one transaction, on the row the attempt
 * claimed: if the claim was taken over (the lease ran out), the outcome is dropped and the new
 * claimant's counts.
 */
@ApplicationScoped
class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    /** A letter claimed by one worker: {@code token} proves the claim is still its own. */
    record Claim(UUID letterId, UUID token) {
    }

    private final DigitalDeliveryRepository deliveries;
    private final Outbox outbox;
    private final Tariffs tariffs;
    private final DeliveryMetrics metrics;
    private final GatewayConfig config;
    private final OutcomeCommits commits;

    DeliveryOutcomes(DigitalDeliveryRepository deliveries, Outbox outbox, Tariffs tariffs, DeliveryMetrics metrics,
            GatewayConfig config, OutcomeCommits commits) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.tariffs = tariffs;
        this.metrics = metrics;
        this.config = config;
        this.commits = commits;
    }

    /** Appends the event with the letter's trace (the attempt's span when it is in that trace). */
    private void append(String topic, String key, TraceContext trace, dk.brevrute.events.BrevruteEvent event) {
        outbox.append(topic, key, event, trace);
    }

    /**
     * The trace an event of this letter belongs to: the current span if it is the letter's trace (a
     * delivery attempt), else the letter's stored trace (a receipt, a deadline sweep), else the current.
     */
    static TraceContext trace(DigitalDelivery d) {
        TraceContext current = TraceContext.current();
        TraceContext stored = TraceContext.of(d.traceparent, d.tracestate);
        if (stored == null || (current != null && java.util.Objects.equals(current.traceId(), stored.traceId()))) {
            return current;
        }
        return stored;
    }

    /**
     * Records a delivery; returns once it has committed. The transaction may be shared with other
     * deliveries and receipts ({@link OutcomeCommits}).
     */
    void delivered(Claim claim, Instant at, int posts) {
        DigitalDelivery d = commits.call(claim.letterId(), () -> recordDelivered(claim, at, posts));
        if (d == null) {
            return;
        }
        // Logged once committed (a shared transaction that fails runs its units again); outcomes always count after the commit.
        metrics.outcome("delivered");
        metrics.latency(Duration.between(d.receivedAt, at));
        if (d.submittedAt != null) {
            metrics.submitToDelivered(Duration.between(d.submittedAt, at));
        }
        LOG.infof("letter %s delivered to Digital Post, transaction %s, %d HTTP attempt(s)", d.letterId, d.transactionId, d.attempts);
    }

    /** The delivery's changes and events, in the (maybe shared) transaction; null if the claim was taken over. */
    private DigitalDelivery recordDelivered(Claim claim, Instant at, int posts) {
        DigitalDelivery d = claimed(claim);
        if (d == null) {
            return null;
        }
        d.attempts += posts;
        d.status = DigitalDelivery.Status.DELIVERED;
        d.deliveredAt = at;
        Optional<Tariffs.Fee> fee = tariffs.digitalPostFee(at);
        d.digitalFee = fee.map(Tariffs.Fee::fee).orElse(null);
        d.tariffId = fee.map(Tariffs.Fee::tariffId).orElse(null);
        d.lastError = null;
        finish(d);
        if (fee.isEmpty()) {
            LOG.warnf("letter %s delivered, but no tariff version is known for that day: the Digital Post fee is left out", d.letterId);
        }
        append(Topics.LETTERS_DELIVERED, d.letterId.toString(), trace(d), new LetterDelivered(UUID.randomUUID(), Instant.now(),
                d.letterId, d.department, d.costCentre, Channel.DIGITAL, at, d.transactionId.toString(), d.pages,
                d.postageClass == null ? null : PostageClass.valueOf(d.postageClass), null, null, null, d.digitalFee, d.tariffId));
        // Receipts that arrived while the letter was being sent are told now, after the delivery.
        if (d.readAt != null) {
            appendRead(d);
        }
        if (d.receiptFailedAt != null) {
            failedAfterAcceptance(d);
        }
        return d;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void failed(Claim claim, FailureKind kind, String reason, int posts) {
        DigitalDelivery d = claimed(claim);
        if (d == null) {
            return;
        }
        d.attempts += posts;
        fail(d, kind, reason);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void cancelled(Claim claim) {
        DigitalDelivery d = claimed(claim);
        if (d == null) {
            return;
        }
        d.status = DigitalDelivery.Status.CANCELLED;
        finish(d);
        metrics.outcome("cancelled");
        LOG.infof("letter %s cancelled before it was sent", d.letterId);
    }

    /**
     * A transient failure: the letter waits (exponential back-off with jitter, at least
     * {@code retryAfter}) and is tried again, but not past its deadline; at the deadline it fails
     * with DEADLINE. The first transient failure is reported (TRANSIENT), so the letter's timeline
     * shows the delay.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void retryLater(Claim claim, Duration retryAfter, String cause, String reason, int posts) {
        DigitalDelivery d = claimed(claim);
        if (d == null) {
            return;
        }
        d.attempts += posts;
        d.lastError = reason;
        if (deliveries.isCancelled(d.letterId)) {
            d.status = DigitalDelivery.Status.CANCELLED;
            finish(d);
            metrics.outcome("cancelled");
            LOG.infof("letter %s cancelled while it was being sent; not retried", d.letterId);
            return;
        }
        Instant now = Instant.now();
        if (!now.isBefore(d.deadline)) {
            fail(d, FailureKind.DEADLINE, "not delivered within " + config.delivery().deadline() + "; last failure: " + reason);
            return;
        }
        Duration wait = backoff(d.reschedules);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Instant next = now.plus(wait);
        d.nextAttemptAt = next.isAfter(d.deadline) ? d.deadline : next;
        d.reschedules++;
        d.status = DigitalDelivery.Status.PENDING;
        d.claimToken = null;
        d.updatedAt = now;
        metrics.rescheduled(cause);
        LOG.infof("letter %s not delivered yet (%s), next attempt at %s", d.letterId, reason, d.nextAttemptAt);
        if (!d.transientReported) {
            d.transientReported = true;
            append(Topics.DELIVERY_FAILED, d.letterId.toString(), trace(d), new DeliveryFailed(UUID.randomUUID(), now, d.letterId,
                    d.department, Channel.DIGITAL, FailureKind.TRANSIENT, reason, d.attempts));
        }
    }

    /** Exponential: initial, 2x, 4x ... up to the maximum, each +-20%. */
    private Duration backoff(int reschedules) {
        long initial = config.delivery().retryInitial().toMillis();
        long max = config.delivery().retryMax().toMillis();
        long wait = initial << Math.min(reschedules, 20);
        wait = wait <= 0 || wait > max ? max : wait;
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (wait * jitter)));
    }

    private void fail(DigitalDelivery d, FailureKind kind, String reason) {
        d.status = DigitalDelivery.Status.FAILED;
        d.failureKind = kind;
        d.lastError = reason;
        finish(d);
        append(Topics.DELIVERY_FAILED, d.letterId.toString(), trace(d), new DeliveryFailed(UUID.randomUUID(), Instant.now(), d.letterId,
                d.department, Channel.DIGITAL, kind, reason, d.attempts));
        metrics.outcome(kind == FailureKind.DEADLINE ? "deadline" : "permanent");
        LOG.infof("letter %s failed (%s) after %d HTTP attempt(s): %s", d.letterId, kind, d.attempts, reason);
    }

    void appendRead(DigitalDelivery d) {
        append(Topics.LETTERS_READ, d.letterId.toString(), trace(d), new LetterRead(UUID.randomUUID(), Instant.now(), d.letterId,
                d.department, d.readAt, d.transactionId.toString()));
    }

    void failedAfterAcceptance(DigitalDelivery d) {
        d.status = DigitalDelivery.Status.FAILED;
        d.failureKind = FailureKind.PERMANENT;
        String reason = "Digital Post reported the letter failed after accepting it"
                + (d.receiptFailure == null || d.receiptFailure.isBlank() ? "" : ": " + d.receiptFailure);
        d.lastError = reason;
        append(Topics.DELIVERY_FAILED, d.letterId.toString(), trace(d), new DeliveryFailed(UUID.randomUUID(), Instant.now(), d.letterId,
                d.department, Channel.DIGITAL, FailureKind.PERMANENT, reason, d.attempts));
        metrics.outcome("failed-after-acceptance");
        LOG.infof("letter %s failed after acceptance (status message)", d.letterId);
    }

    private DigitalDelivery claimed(Claim claim) {
        DigitalDelivery d = deliveries.lock(claim.letterId());
        if (d == null || d.status != DigitalDelivery.Status.SENDING || !claim.token().equals(d.claimToken)) {
            LOG.infof("letter %s: the claim was taken over by another worker; this attempt's outcome is dropped", claim.letterId());
            return null;
        }
        return d;
    }

    /** A final state keeps no personal data it no longer needs. */
    private static void finish(DigitalDelivery d) {
        d.claimToken = null;
        d.recipientId = null;
        d.updatedAt = Instant.now();
    }
}
