package dk.brevrute.ledger.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

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

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;

    LedgerLock(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
    }

    /** How this transaction holds the lock, and what it read under it. */
    private record Held(boolean exclusive, Map<List<Object>, Object> reads) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void shared() {
        if (held() != null) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock_shared(?1)").setParameter(1, KEY).getSingleResult();
        transactions.putResource(HELD, new Held(false, new HashMap<>()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive() {
        Held held = held();
        if (held != null && held.exclusive()) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, KEY).getSingleResult();
        // Whoever holds it exclusively may change what was read under the shared lock: nothing is kept from now on.
        transactions.putResource(HELD, new Held(true, Map.of()));
    }

    /**
     * {@code read}, once per transaction while it holds the lock shared (the value, for {@code what} of
     * {@code argument}, only changes under the exclusive lock); each time otherwise. {@code read} must
     * not change anything.
     */
    @SuppressWarnings("unchecked")
    public <T> T readOnce(String what, Object argument, Supplier<T> read) {
        Held held = transactions.getTransactionKey() == null ? null : held();
        if (held == null || held.exclusive()) {
            return read.get();
        }
        List<Object> key = List.of(what, argument);
        if (held.reads().containsKey(key)) {
            return (T) held.reads().get(key);
        }
        T value = read.get();
        held.reads().put(key, value);
        return value;
    }

    private Held held() {
        return (Held) transactions.getResource(HELD);
    }
}
