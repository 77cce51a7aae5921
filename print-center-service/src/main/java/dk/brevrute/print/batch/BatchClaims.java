package dk.brevrute.print.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.print.config.PrintConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * A replica's hold on a batch while it works on it outside a transaction (closing's routing
 * re-check, rendering the print file). The hold is a lease, {@code print.batch.claim-lease}, that
 * the replica renews every third of it for as long as the work runs: a long render keeps its batch,
 * and a replica that dies lets go within one lease, so another replica takes the batch over.
 */
@ApplicationScoped
class BatchClaims {

    private static final Logger LOG = Logger.getLogger(BatchClaims.class);

    private final BatchRepository batches;
    private final Duration lease;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "print-batch-claims");
        thread.setDaemon(true);
        return thread;
    });

    BatchClaims(BatchRepository batches, PrintConfig config) {
        this.batches = batches;
        this.lease = config.batch().claimLease();
    }

    /**
     * Claims, in its own transaction, the longest-waiting batch in {@code state} matching
     * {@code condition} (SQL on print_batch, or null) that no replica holds; empty if there is none.
     */
    Optional<UUID> claimOne(PrintBatch.State state, String condition) {
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> batches.lockOne("state = ?1 AND (claimed_until IS NULL OR "
                + "claimed_until < ?2)" + (condition == null ? "" : " AND " + condition), state.name(), now).map(b -> {
                    b.claimedUntil = now.plus(lease);
                    return b.id;
                }));
    }

    /** Runs {@code work} on a batch this replica claimed in {@code state}, renewing the claim until the work ends. */
    void whileHeld(UUID batchId, PrintBatch.State state, Runnable work) {
        long every = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(batchId, state), every, every, TimeUnit.MILLISECONDS);
        try {
            work.run();
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(UUID batchId, PrintBatch.State state) {
        try {
            QuarkusTransaction.requiringNew().run(() -> batches.renewClaim(batchId, state, Instant.now().plus(lease)));
        } catch (RuntimeException e) {
            // The next renewal tries again; if none succeeds within the lease another replica may take the batch over,
            // and every step re-checks the batch's state under its lock.
            LOG.warnf("claim on batch %s not renewed (%s)", batchId, e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }
}
