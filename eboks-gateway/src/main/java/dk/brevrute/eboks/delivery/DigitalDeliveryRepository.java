package dk.brevrute.eboks.delivery;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class DigitalDeliveryRepository implements PanacheRepositoryBase<DigitalDelivery, UUID> {

    DigitalDelivery lock(UUID letterId) {
        return findById(letterId, LockModeType.PESSIMISTIC_WRITE);
    }

    Optional<DigitalDelivery> lockByTransactionId(UUID transactionId) {
        return find("transactionId", transactionId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    boolean isCancelled(UUID letterId) {
        // Declares the one table it reads, so Hibernate flushes before it only when that table has pending changes.
        return !getEntityManager().createNativeQuery("SELECT 1 FROM cancelled_letter WHERE letter_id = ?1")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("cancelled_letter")
                .setParameter(1, letterId).getResultList().isEmpty();
    }

    /** Records a cancellation; true the first time. */
    boolean recordCancellation(UUID letterId, String reason) {
        return getEntityManager().createNativeQuery(
                "INSERT INTO cancelled_letter (letter_id, reason) VALUES (?1, ?2) ON CONFLICT (letter_id) DO NOTHING")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("cancelled_letter")
                .setParameter(1, letterId).setParameter(2, reason).executeUpdate() == 1;
    }
}
