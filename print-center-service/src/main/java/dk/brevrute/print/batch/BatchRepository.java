package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dk.brevrute.events.PostageClass;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class BatchRepository implements PanacheRepositoryBase<PrintBatch, UUID> {

    Optional<PrintBatch> openFor(PostageClass postageClass, String envelopeSize) {
        return find("state = ?1 and postageClass = ?2 and envelopeSize = ?3", PrintBatch.State.OPEN, postageClass, envelopeSize)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The batch, locked and read afresh. */
    PrintBatch lock(UUID id) {
        PrintBatch b = findById(id);
        if (b != null) {
            getEntityManager().refresh(b, LockModeType.PESSIMISTIC_WRITE);
        }
        return b;
    }

    /**
     * Locks one batch matching {@code condition} (SQL on print_batch) that no other replica holds:
     * a timer on several replicas handles each batch once.
     */
    Optional<PrintBatch> lockOne(String condition, Object... params) {
        var q = getEntityManager().createNativeQuery(
                "SELECT id FROM print_batch WHERE " + condition + " ORDER BY state_since, id LIMIT 1 FOR UPDATE SKIP LOCKED", UUID.class);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = q.getResultList();
        return ids.stream().findFirst().map(this::findById);
    }

    /** Extends the claim on a batch still in {@code state}; one that moved on or was let go is left alone. */
    void renewClaim(UUID id, PrintBatch.State state, Instant until) {
        update("claimedUntil = ?1 where id = ?2 and state = ?3 and claimedUntil is not null", until, id, state);
    }

    List<PrintBatch> page(PrintBatch.State state, int page, int size) {
        var query = state == null ? find("order by openedAt desc, id") : find("state = ?1 order by openedAt desc, id", state);
        return query.page(page, size).list();
    }
}
