package dk.brevrute.routing.decision;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.LockMode;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class RoutedLetterRepository implements PanacheRepositoryBase<RoutedLetter, UUID> {

    RoutedLetter locked(UUID letterId) {
        return findById(letterId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Which of these letters routing has a row for, in one statement. */
    Set<UUID> idsAmong(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return new HashSet<>();
        }
        // Native SQL with one array parameter: Hibernate translates an HQL query with an in-list again on every call.
        @SuppressWarnings("unchecked")
        List<UUID> found = getEntityManager().createNativeQuery("SELECT letter_id FROM routing_letter WHERE letter_id = ANY(?1)", UUID.class)
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("routing_letter")
                .setParameter(1, letterIds.toArray(UUID[]::new)).getResultList();
        return new HashSet<>(found);
    }

    /**
     * Locks the rows of these letters, those that exist, in one statement and in id order; they stay
     * in the persistence context locked, so {@link #locked} of one of them afterwards runs no query.
     * Every locking path in routing takes one letter or skips locked rows, so two transactions cannot
     * wait for each other.
     */
    void lockAll(Collection<UUID> letterIds) {
        List<UUID> distinct = letterIds.stream().distinct().toList();
        if (distinct.size() < 2) {
            // One letter: Hibernate's load by id, whose plan it keeps, costs less than any query.
            distinct.forEach(this::locked);
            return;
        }
        getEntityManager().createNativeQuery("SELECT * FROM routing_letter WHERE letter_id = ANY(?1) ORDER BY letter_id FOR NO KEY UPDATE")
                .unwrap(NativeQuery.class).addEntity("routing_letter", RoutedLetter.class, LockMode.PESSIMISTIC_WRITE)
                .setParameter(1, distinct.toArray(UUID[]::new)).getResultList();
    }

    /** Held or waiting letters that are due, locked and skipped by other replicas. */
    @SuppressWarnings("unchecked")
    List<RoutedLetter> claimDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM routing_letter
                WHERE state IN ('HELD', 'WAITING_LOOKUP') AND next_attempt_at <= ?1
                ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", RoutedLetter.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /** Digital letters with print-if-unread whose deadline passed without a read receipt. */
    @SuppressWarnings("unchecked")
    List<RoutedLetter> claimUnread(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM routing_letter
                WHERE read_at IS NULL AND unread_deadline IS NOT NULL AND fallback_done = false
                  AND unread_deadline <= ?1 AND state = 'ROUTED' AND routed_channel = 'DIGITAL' AND content_stripped_at IS NULL
                ORDER BY unread_deadline LIMIT ?2 FOR UPDATE SKIP LOCKED""", RoutedLetter.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /**
     * Letters whose content retention may mask: finished ones (cancelled, the one paper fallback made,
     * or a digital letter read) and any other routed letter untouched since {@code cutoff} whose unread
     * deadline, if any, is also before it. Held and waiting letters are in flight and never taken.
     */
    @SuppressWarnings("unchecked")
    List<RoutedLetter> claimForRetention(Instant cutoff, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM routing_letter
                WHERE content_stripped_at IS NULL AND state NOT IN ('HELD', 'WAITING_LOOKUP')
                  AND (state = 'CANCELLED' OR fallback_done
                       OR (routed_channel = 'DIGITAL' AND read_at IS NOT NULL)
                       OR (updated_at < ?1 AND (unread_deadline IS NULL OR unread_deadline < ?1)))
                ORDER BY updated_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", RoutedLetter.class)
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .getResultList();
    }
}
