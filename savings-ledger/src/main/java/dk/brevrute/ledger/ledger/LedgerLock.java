package dk.brevrute.ledger.ledger;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dk.brevrute.kit.transaction.TransactionMemo;

/**
 * A PostgreSQL advisory lock held to the end of the transaction, across every replica. Writers of
 * entries (bookings, re-pricing) hold it shared; closing a month and adding a tariff version hold it
 * exclusively. So an entry is priced with the versions and lands in a month as they stood when it
 * committed, and a version's re-pricing sees every booking committed before it.
 *
 * <p>A transaction takes the lock once (a poll books many letters in one transaction); while it holds
 * it shared, what changes only under the exclusive lock (closed months, tariff versions) cannot change
 * before it ends, so {@link #readOnce} reads such a thing once per transaction instead of once per letter.
 */
@ApplicationScoped
public class LedgerLock {

    private static final long KEY = 0x6c65_6467_6572_0001L;
    private static final String HELD = LedgerLock.class.getName() + ".held";

    private enum Held {
        SHARED, EXCLUSIVE
    }

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final TransactionMemo memo;

    LedgerLock(EntityManager em, TransactionSynchronizationRegistry transactions, TransactionMemo memo) {
        this.em = em;
        this.transactions = transactions;
        this.memo = memo;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared() {
        if (held() != null) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock_shared(?1)").setParameter(1, KEY).getSingleResult();
        transactions.putResource(HELD, Held.SHARED);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive() {
        if (held() == Held.EXCLUSIVE) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, KEY).getSingleResult();
        transactions.putResource(HELD, Held.EXCLUSIVE);
        // Whoever holds it exclusively may change what was read under the shared lock: nothing is kept from now on.
        memo.forget(key -> key instanceof List<?> k && !k.isEmpty() && k.get(0) == LedgerLock.class);
    }

    /**
     * {@code read}, once per transaction while it holds the lock shared (the value, for {@code what} of
     * {@code argument}, only changes under the exclusive lock); each time otherwise. {@code read} must
     * not change anything.
     */
    public <T> T readOnce(String what, Object argument, Supplier<T> read) {
        if (transactions.getTransactionKey() == null || held() != Held.SHARED) {
            return read.get();
        }
        return memo.get(List.of(LedgerLock.class, what, argument), read);
    }

    private Held held() {
        return (Held) transactions.getResource(HELD);
    }
}
