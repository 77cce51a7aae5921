package dk.brevrute.eboks.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Status messages from Digital Post about sent letters (received, read, failed), each applied
 * once: a repeated message changes nothing and emits nothing. A message about a letter whose send
 * is still being recorded is kept and told right after the delivery.
 */
@ApplicationScoped
public class Receipts {

    private static final Logger LOG = Logger.getLogger(Receipts.class);

    public enum Status {
        RECEIVED,
        READ,
        FAILED
    }

    public enum Result {
        /** Recorded; its event (if any) is in the outbox or follows the delivery. */
        RECORDED,
        /** Seen before: nothing changed. */
        DUPLICATE,
        /** No letter was sent under this transaction id. */
        UNKNOWN_TRANSACTION
    }

    private final DeliveryOutcomes outcomes;
    private final DeliveryMetrics metrics;
    private final OutcomeCommits commits;

    Receipts(DeliveryOutcomes outcomes, DeliveryMetrics metrics, OutcomeCommits commits) {
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.commits = commits;
    }

    /**
     * Applies a status message; returns once it has committed (in a transaction that may be shared
     * with deliveries and other receipts, {@link OutcomeCommits}). Not to be called in a transaction.
     */
    public Result record(UUID transactionId, Status status, Instant time, String reason) {
        Result result = commits.callForReceipt(transactionId, () -> apply(transactionId, status, time, reason));
        metrics.receipt(status.name().toLowerCase(java.util.Locale.ROOT), result.name().toLowerCase(java.util.Locale.ROOT));
        return result;
    }

    private Result apply(UUID transactionId, Status status, Instant time, String reason) {
        Optional<DigitalDelivery> found = commits.lockByTransactionId(transactionId);
        if (found.isEmpty()) {
            return Result.UNKNOWN_TRANSACTION;
        }
        DigitalDelivery d = found.get();
        boolean inFlight = d.status == DigitalDelivery.Status.PENDING || d.status == DigitalDelivery.Status.SENDING;
        switch (status) {
            case RECEIVED -> {
                return Result.RECORDED; // the acceptance answer already said so; nothing to tell
            }
            case READ -> {
                if (d.readAt != null) {
                    return Result.DUPLICATE;
                }
                d.readAt = time;
                d.updatedAt = Instant.now();
                if (!inFlight) {
                    outcomes.appendRead(d);
                }
                LOG.infof("letter %s read at %s", d.letterId, time);
                return Result.RECORDED;
            }
            case FAILED -> {
                if (d.receiptFailedAt != null) {
                    return Result.DUPLICATE;
                }
                d.receiptFailedAt = time;
                d.receiptFailure = reason == null ? null : reason.substring(0, Math.min(reason.length(), 300));
                d.updatedAt = Instant.now();
                if (d.status == DigitalDelivery.Status.DELIVERED) {
                    outcomes.failedAfterAcceptance(d);
                }
                return Result.RECORDED;
            }
            default -> throw new IllegalStateException();
        }
    }
}
