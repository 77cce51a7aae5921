package dk.brevrute.ledger.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A PostgreSQL advisory lock held to the end of the transaction, across every replica. Writers of
 * entries (bookings, re-pricing) hold it shared; closing a month and adding a tariff version hold it
 * exclusively. So an entry is priced with the versions and lands in a month as they stood when it
 * committed, and a version's re-pricing sees every booking committed before it.
 */
@ApplicationScoped
public class LedgerLock {

    private static final long KEY = 0x6c65_6467_6572_0001L;

    private final EntityManager em;

    LedgerLock(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock_shared(?1)").setParameter(1, KEY).getSingleResult();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, KEY).getSingleResult();
    }
}
