package dk.brevrute.kit.transaction;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * What a transaction reads once instead of once per letter: a poll or a group commit handles many
 * letters in one transaction, and a value that cannot change before it ends for them all (a tariff in
 * force on a day, read under a lock that keeps it so) is read for the first and remembered for the
 * rest. The values are a resource of the current JTA transaction and go with it; outside a
 * transaction every call reads.
 *
 * <p>A value is as it was when it was first read: keep here only what the transaction's own work
 * cannot change, or {@link #forget} it when that work may have.
 */
@ApplicationScoped
public class TransactionMemo {

    private static final String RESOURCE = TransactionMemo.class.getName();

    private final TransactionSynchronizationRegistry transactions;

    TransactionMemo(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * The value under {@code key} in the current transaction: {@code read} the first time (a null
     * result is remembered too), what it returned afterwards. Keys compare by {@code equals}; prefix
     * them with the reader's class, e.g. {@code List.of(Tariffs.class, day)}.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> read) {
        Map<Object, Object> values = values(true);
        if (values == null) {
            return read.get();
        }
        if (values.containsKey(key)) {
            return (T) values.get(key);
        }
        T value = read.get();
        values.put(key, value);
        return value;
    }

    /** Forgets the current transaction's values whose keys {@code which} accepts. */
    public void forget(Predicate<Object> which) {
        Map<Object, Object> values = values(false);
        if (values != null) {
            values.keySet().removeIf(which);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> values(boolean create) {
        if (transactions.getTransactionKey() == null) {
            return null;
        }
        Map<Object, Object> values = (Map<Object, Object>) transactions.getResource(RESOURCE);
        if (values == null && create) {
            values = new HashMap<>();
            transactions.putResource(RESOURCE, values);
        }
        return values;
    }
}
