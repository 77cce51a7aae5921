package dk.brevrute.kit.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.Test;

/** Read once per key and transaction, every time outside one; forgetting drops exactly the keys asked for. */
class TransactionMemoTest {

    /** A stand-in registry: {@link #begin} starts a transaction with no resources, {@link #end} leaves it. */
    static final class Registry implements TransactionSynchronizationRegistry {
        Object key;
        Map<Object, Object> resources = new HashMap<>();

        void begin(Object transaction) {
            key = transaction;
            resources = new HashMap<>();
        }

        void end() {
            key = null;
        }

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void putResource(Object k, Object value) {
            resources.put(k, value);
        }

        @Override
        public Object getResource(Object k) {
            return resources.get(k);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getTransactionStatus() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            throw new UnsupportedOperationException();
        }
    }

    final Registry registry = new Registry();
    final TransactionMemo memo = new TransactionMemo(registry);
    final AtomicInteger reads = new AtomicInteger();

    private String read(String value) {
        reads.incrementAndGet();
        return value;
    }

    @Test
    void outsideATransactionEveryCallReads() {
        memo.get("k", () -> read("a"));
        memo.get("k", () -> read("a"));
        assertEquals(2, reads.get());
    }

    @Test
    void inATransactionEachKeyIsReadOnceNullIncluded() {
        registry.begin("tx-1");
        assertEquals("a", memo.get(List.of(TransactionMemoTest.class, 1), () -> read("a")));
        assertEquals("a", memo.get(List.of(TransactionMemoTest.class, 1), () -> read("changed")));
        assertEquals("b", memo.get(List.of(TransactionMemoTest.class, 2), () -> read("b")));
        assertNull(memo.get("none", () -> read(null)));
        assertNull(memo.get("none", () -> read("changed")));
        assertEquals(3, reads.get());

        registry.begin("tx-2");
        assertEquals("changed", memo.get(List.of(TransactionMemoTest.class, 1), () -> read("changed")), "a new transaction reads again");
        assertEquals(4, reads.get());
    }

    @Test
    void forgetDropsOnlyTheKeysItIsAskedTo() {
        registry.begin("tx");
        memo.get(List.of("mine", 1), () -> read("a"));
        memo.get(List.of("other", 1), () -> read("b"));
        memo.forget(key -> key instanceof List<?> k && k.get(0).equals("mine"));
        assertEquals("a2", memo.get(List.of("mine", 1), () -> read("a2")));
        assertEquals("b", memo.get(List.of("other", 1), () -> read("b2")));
        assertEquals(3, reads.get());
        registry.end();
        memo.forget(key -> true); // outside a transaction: nothing to forget
    }
}
