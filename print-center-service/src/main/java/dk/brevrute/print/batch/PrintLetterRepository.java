package dk.brevrute.print.batch;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dk.brevrute.events.PostageClass;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.LockMode;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class PrintLetterRepository implements PanacheRepositoryBase<PrintLetter, UUID> {

    long waiting() {
        return count("status in ?1", List.of(PrintLetter.Status.WAITING, PrintLetter.Status.BATCHED));
    }

    /** Which of {@code letterIds} are here (one query). */
    List<UUID> knownAmong(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("SELECT l.letterId FROM PrintLetter l WHERE l.letterId IN ?1", UUID.class)
                .setParameter(1, letterIds).getResultList();
    }

    /** The letter, locked and read afresh (it may have been read before the lock in this transaction). */
    PrintLetter lock(UUID letterId) {
        PrintLetter p = findById(letterId);
        if (p != null) {
            getEntityManager().refresh(p, LockModeType.PESSIMISTIC_WRITE);
        }
        return p;
    }

    /**
     * These letters, those that exist, locked in one statement and in id order. Meant for a new
     * transaction, in which none of them was read yet, so each comes fresh from its row.
     */
    @SuppressWarnings("unchecked")
    Map<UUID, PrintLetter> lockAll(Collection<UUID> letterIds) {
        List<PrintLetter> locked = getEntityManager()
                .createNativeQuery("SELECT * FROM print_letter WHERE letter_id = ANY(?1) ORDER BY letter_id FOR NO KEY UPDATE")
                .unwrap(NativeQuery.class).addEntity("print_letter", PrintLetter.class, LockMode.PESSIMISTIC_WRITE)
                .setParameter(1, letterIds.stream().distinct().toArray(UUID[]::new)).getResultList();
        return locked.stream().collect(Collectors.toMap(l -> l.letterId, Function.identity()));
    }

    /**
     * Reserves up to {@code limit} letters due for preparation for this replica until {@code until};
     * other replicas skip them (and take them over if the lease runs out). Returns what preparing
     * each needs, read in the same statement.
     */
    @SuppressWarnings("unchecked")
    List<LetterPreparation.Snapshot> claimToPrepare(int limit, Instant now, Instant until) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                UPDATE print_letter SET claimed_until = ?3 WHERE letter_id IN (
                    SELECT letter_id FROM print_letter
                    WHERE status = 'WAITING' AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1)
                    ORDER BY received_at LIMIT ?2 FOR UPDATE SKIP LOCKED)
                RETURNING letter_id, department, document_id, document_sha256, recipient_cpr, request_address, postage_class, pages""")
                .setParameter(1, now)
                .setParameter(2, limit)
                .setParameter(3, until)
                .getResultList();
        return rows.stream().map(r -> new LetterPreparation.Snapshot((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], PostageClass.valueOf((String) r[6]), ((Number) r[7]).intValue())).toList();
    }

    List<PrintLetter> inBatch(UUID batchId, PrintLetter.Status status) {
        return list("batchId = ?1 and status = ?2 order by receivedAt, letterId", batchId, status);
    }

    /** The letters of a closed batch in print order. */
    List<PrintLetter> printOrder(UUID batchId) {
        return getEntityManager().createQuery("""
                SELECT l FROM PrintLetter l, PrintEnvelope e
                WHERE l.envelopeId = e.id AND e.batchId = ?1
                ORDER BY e.seq, l.envelopePosition""", PrintLetter.class)
                .setParameter(1, batchId)
                .getResultList();
    }

    List<UUID> idsInBatch(UUID batchId) {
        return getEntityManager().createQuery("SELECT l.letterId FROM PrintLetter l WHERE l.batchId = ?1 ORDER BY l.letterId", UUID.class)
                .setParameter(1, batchId)
                .getResultList();
    }
}
