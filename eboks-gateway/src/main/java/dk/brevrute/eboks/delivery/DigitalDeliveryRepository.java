package dk.brevrute.eboks.delivery;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.LockMode;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class DigitalDeliveryRepository implements PanacheRepositoryBase<DigitalDelivery, UUID> {

    DigitalDelivery lock(UUID letterId) {
        return findById(letterId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks the deliveries of these letters and of these SF1601 transaction ids in one statement, in
     * letter id order (the order of the ids as text), and keeps them in the persistence context locked,
     * so that each {@link #lock} of them asks nothing more. Native SQL with array parameters: Hibernate
     * translates an HQL query with an in-list again on every call.
     */
    @SuppressWarnings("unchecked")
    List<DigitalDelivery> lockAll(Collection<UUID> letterIds, Collection<UUID> transactionIds) {
        if (letterIds.isEmpty() && transactionIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("SELECT * FROM digital_delivery WHERE letter_id = ANY(?1) OR transaction_id = ANY(?2)"
                + " ORDER BY letter_id FOR NO KEY UPDATE")
                .unwrap(NativeQuery.class).addEntity("digital_delivery", DigitalDelivery.class, LockMode.PESSIMISTIC_WRITE)
                .setParameter(1, letterIds.stream().distinct().toArray(UUID[]::new))
                .setParameter(2, transactionIds.stream().distinct().toArray(UUID[]::new)).getResultList();
    }

    Optional<DigitalDelivery> lockByTransactionId(UUID transactionId) {
        return find("transactionId", transactionId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Which of {@code letterIds} have a delivery here (one query). */
    List<UUID> knownAmong(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> known = getEntityManager().createNativeQuery("SELECT letter_id FROM digital_delivery WHERE letter_id = ANY(?1)", UUID.class)
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("digital_delivery")
                .setParameter(1, letterIds.toArray(UUID[]::new)).getResultList();
        return known;
    }

    /** Which of {@code letterIds} were cancelled (one query). */
    Set<UUID> cancelledAmong(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return Set.of();
        }
        // Declares the one table it reads, so Hibernate flushes before it only when that table has pending changes.
        @SuppressWarnings("unchecked")
        List<UUID> cancelled = getEntityManager().createNativeQuery("SELECT letter_id FROM cancelled_letter WHERE letter_id IN (?1)", UUID.class)
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("cancelled_letter")
                .setParameter(1, letterIds).getResultList();
        return new HashSet<>(cancelled);
    }

    boolean isCancelled(UUID letterId) {
        return !cancelledAmong(List.of(letterId)).isEmpty();
    }

    /** Records a cancellation; true the first time. */
    boolean recordCancellation(UUID letterId, String reason) {
        return getEntityManager().createNativeQuery(
                "INSERT INTO cancelled_letter (letter_id, reason) VALUES (?1, ?2) ON CONFLICT (letter_id) DO NOTHING")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("cancelled_letter")
                .setParameter(1, letterId).setParameter(2, reason).executeUpdate() == 1;
    }
}
