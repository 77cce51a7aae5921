package dk.brevrute.eboks.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.kit.transaction.GroupCommit;
import dk.brevrute.kit.transaction.TransactionMemo;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The transactions that record deliveries and receipts, shared ({@link GroupCommit}): the delivery
 * threads and the receipt requests each have one small change to commit, and those that arrive while
 * another commit is under way go into the next one together. A shared transaction first locks the
 * deliveries of all its units in one statement.
 */
@ApplicationScoped
class OutcomeCommits {

    /** Enough for every delivery thread and a burst of receipts; a transaction stays short. */
    private static final int MAX_PER_TRANSACTION = 100;
    /** A receipt's key is this and its transaction id: after every letter id (lower-case hex) in a transaction's order. */
    private static final String RECEIPT = "~";
    /** The current transaction's deliveries locked by transaction id, from its first step. */
    private static final Object LOCKED = List.of(OutcomeCommits.class, "locked");

    private final GroupCommit group;
    private final DigitalDeliveryRepository deliveries;
    private final TransactionMemo memo;

    OutcomeCommits(DeliveryMetrics metrics, DigitalDeliveryRepository deliveries, TransactionMemo memo) {
        this.deliveries = deliveries;
        this.memo = memo;
        this.group = new GroupCommit("eboks-gateway outcomes", MAX_PER_TRANSACTION,
                work -> QuarkusTransaction.requiringNew().run(work), this::lockAll, metrics::outcomesPerTransaction);
    }

    /** Outcomes and receipts waiting for a transaction. */
    int waiting() {
        return group.queued();
    }

    /** Runs {@code work} for a letter's delivery in a transaction that may be shared; returns once it has committed. */
    <R> R call(UUID letterId, Supplier<R> work) {
        return group.call(letterId == null ? null : letterId.toString(), work);
    }

    /** As {@link #call}, for a receipt about the letter sent under {@code transactionId}. */
    <R> R callForReceipt(UUID transactionId, Supplier<R> work) {
        return group.call(transactionId == null ? null : RECEIPT + transactionId, work);
    }

    /**
     * The delivery sent under {@code transactionId}, locked: as the shared transaction's first step
     * found it, else by a query of its own.
     */
    Optional<DigitalDelivery> lockByTransactionId(UUID transactionId) {
        Map<UUID, UUID> locked = memo.get(LOCKED, () -> null);
        UUID letterId = locked == null ? null : locked.get(transactionId);
        return letterId != null ? Optional.ofNullable(deliveries.lock(letterId)) : deliveries.lockByTransactionId(transactionId);
    }

    /**
     * A shared transaction's first step: the deliveries of its units, locked in one statement. A unit
     * alone locks its own (Hibernate's load by id, or its query by transaction id, whose plans it keeps).
     */
    private void lockAll(List<String> keys) {
        if (keys.size() < 2) {
            return;
        }
        List<UUID> letterIds = new ArrayList<>();
        List<UUID> transactionIds = new ArrayList<>();
        for (String key : keys) {
            if (key.startsWith(RECEIPT)) {
                transactionIds.add(UUID.fromString(key.substring(RECEIPT.length())));
            } else {
                letterIds.add(UUID.fromString(key));
            }
        }
        Map<UUID, UUID> byTransaction = new HashMap<>();
        for (DigitalDelivery d : deliveries.lockAll(letterIds, transactionIds)) {
            if (d.transactionId != null) {
                byTransaction.put(d.transactionId, d.letterId);
            }
        }
        memo.forget(LOCKED::equals);
        memo.get(LOCKED, () -> byTransaction);
    }
}
