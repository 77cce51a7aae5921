package dk.brevrute.eboks.delivery;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.kit.transaction.GroupCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The transactions that record deliveries and receipts, shared ({@link GroupCommit}): the delivery
 * threads and the receipt requests each have one small change to commit, and those that arrive while
 * another commit is under way go into the next one together.
 */
@ApplicationScoped
class OutcomeCommits {

    /** Enough for every delivery thread and a burst of receipts; a transaction stays short. */
    private static final int MAX_PER_TRANSACTION = 100;

    private final GroupCommit group;

    OutcomeCommits(DeliveryMetrics metrics, DigitalDeliveryRepository deliveries) {
        // A shared transaction first locks the deliveries of its units in one statement (their keys are letter ids).
        this.group = new GroupCommit("eboks-gateway outcomes", MAX_PER_TRANSACTION,
                work -> QuarkusTransaction.requiringNew().run(work),
                letterIds -> deliveries.lockAll(letterIds.stream().map(UUID::fromString).toList()),
                metrics::outcomesPerTransaction);
    }

    /** Outcomes and receipts waiting for a transaction. */
    int waiting() {
        return group.queued();
    }

    /** Runs {@code work} in a transaction that may be shared; returns once it has committed. */
    <R> R call(UUID letterId, Supplier<R> work) {
        return group.call(letterId == null ? null : letterId.toString(), work);
    }
}
