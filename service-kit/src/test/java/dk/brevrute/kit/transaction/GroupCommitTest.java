package dk.brevrute.kit.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A stand-in for the database: a transaction's writes are kept only if it commits (its work does not throw). */
    static final class Db implements GroupCommit.Transactions {
        final List<List<String>> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger transactions = new AtomicInteger();
        private final ThreadLocal<List<String>> current = new ThreadLocal<>();

        @Override
        public void inNewTransaction(Runnable work) {
            transactions.incrementAndGet();
            List<String> writes = new ArrayList<>();
            current.set(writes);
            try {
                work.run();
                committed.add(writes);
            } finally {
                current.remove();
            }
        }

        void write(String what) {
            current.get().add(what);
        }

        List<String> all() {
            synchronized (committed) {
                return committed.stream().flatMap(List::stream).sorted().toList();
            }
        }
    }

    private final Db db = new Db();
    private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private GroupCommit group(int maxUnits) {
        return new GroupCommit("test", maxUnits, db, sizes::add);
    }

    /** Blocks the first caller's transaction until {@code others} callers have queued behind it, then lets it commit. */
    private List<Future<String>> queueBehindABlockedTransaction(GroupCommit group, List<String> keys) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        results.add(callers.submit(() -> group.call("first", () -> {
            db.write("first");
            inside.countDown();
            await(release);
            return "first done";
        })));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        for (String key : keys) {
            results.add(callers.submit(() -> group.call(key, () -> {
                db.write(key);
                return key + " done";
            })));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < keys.size() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(keys.size(), group.queued(), "callers queued while the first transaction is open");
        release.countDown();
        return results;
    }

    @Test
    void unitsQueuedWhileATransactionCommitsShareTheNextOneAndEachCallerGetsItsOwnResult() throws Exception {
        GroupCommit group = group(100);
        List<Future<String>> results = queueBehindABlockedTransaction(group, List.of("c", "a", "e", "b", "d"));

        assertEquals("first done", results.get(0).get(10, TimeUnit.SECONDS));
        List<String> keys = List.of("c", "a", "e", "b", "d");
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(keys.get(i) + " done", results.get(i + 1).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, db.transactions.get(), "six units, two transactions");
        assertEquals(List.of(1, 5), sizes);
        assertEquals(List.of("a", "b", "c", "d", "e"), db.committed.get(1), "a transaction's units run in key order");
    }

    @Test
    void prepareGetsTheKeysOfEachSharedTransactionInOrderBeforeItsUnits() throws Exception {
        List<List<String>> prepared = Collections.synchronizedList(new ArrayList<>());
        GroupCommit group = new GroupCommit("test", 100, db, keys -> {
            prepared.add(keys);
            db.write("prepared " + keys.size());
        }, sizes::add);
        List<Future<String>> results = queueBehindABlockedTransaction(group, List.of("c", "a", "b"));
        Future<String> keyless = callers.submit(() -> group.call(null, () -> "keyless done"));
        for (Future<String> result : results) {
            result.get(10, TimeUnit.SECONDS);
        }
        keyless.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("first"), prepared.get(0));
        assertEquals(List.of("a", "b", "c"), prepared.get(1), "the second transaction's keys, in the order its units run");
        assertEquals(List.of("prepared 3", "a", "b", "c"), db.committed.get(1), "prepare runs in the transaction, before the units");
    }

    @Test
    void aUnitRunAgainAloneRunsWithoutPrepare() throws Exception {
        List<List<String>> prepared = Collections.synchronizedList(new ArrayList<>());
        GroupCommit group = new GroupCommit("test", 100, db, prepared::add, sizes::add);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> group.call("first", () -> {
            inside.countDown();
            await(release);
            return "first done";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Future<String> good = callers.submit(() -> group.call("a", () -> "a done"));
        Future<String> bad = callers.submit(() -> group.call("b", () -> {
            throw new IllegalStateException("b fails");
        }));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        release.countDown();
        assertEquals("first done", first.get(10, TimeUnit.SECONDS));
        assertEquals("a done", good.get(10, TimeUnit.SECONDS));
        assertThrows(java.util.concurrent.ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("first"), List.of("a", "b")), prepared, "the units run again alone were not prepared again");
    }

    @Test
    void aTransactionTakesAtMostMaxUnits() throws Exception {
        GroupCommit group = group(2);
        List<Future<String>> results = queueBehindABlockedTransaction(group, List.of("a", "b", "c", "d", "e"));
        for (Future<String> result : results) {
            result.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(1, 2, 2, 1), sizes);
        assertEquals(List.of("a", "b", "c", "d", "e", "first"), db.all());
    }

    @Test
    void aFailingUnitFailsOnlyItsCallerTheOthersCommitAloneOnce() throws Exception {
        GroupCommit group = group(100);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> group.call("first", () -> {
            db.write("first");
            inside.countDown();
            await(release);
            return "first done";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        IllegalStateException bad = new IllegalStateException("bad unit");
        Future<String> a = callers.submit(() -> group.call("a", () -> {
            db.write("a");
            return "a done";
        }));
        Future<String> b = callers.submit(() -> group.call("b", () -> {
            db.write("b");
            throw bad;
        }));
        Future<String> c = callers.submit(() -> group.call("c", () -> {
            db.write("c");
            return "c done";
        }));
        while (group.queued() < 3) {
            Thread.sleep(5);
        }
        release.countDown();

        assertEquals("first done", first.get(10, TimeUnit.SECONDS));
        assertEquals("a done", a.get(10, TimeUnit.SECONDS));
        assertEquals("c done", c.get(10, TimeUnit.SECONDS));
        java.util.concurrent.ExecutionException thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> b.get(10, TimeUnit.SECONDS));
        assertSame(bad, thrown.getCause(), "the failing unit's caller gets what its unit threw");
        assertEquals(List.of("a", "c", "first"), db.all(), "the shared transaction rolled back; a and c committed alone, once each");
        // first; the shared one (rolled back); then a, b and c each alone (b rolls back again).
        assertEquals(5, db.transactions.get());
        assertEquals(List.of(1), sizes, "only committed shared transactions are counted, and a unit alone after a failure is not");
    }

    @Test
    void aUnitAloneThatFailsIsNotRunTwice() {
        GroupCommit group = group(100);
        AtomicInteger runs = new AtomicInteger();
        IllegalArgumentException failure = new IllegalArgumentException("no");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> group.call("x", () -> {
            runs.incrementAndGet();
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(1, runs.get());
        assertEquals(1, db.transactions.get());
    }

    @Test
    void aUnitRunsWithItsCallersLogContextWhicheverThreadCommitsIt() throws Exception {
        GroupCommit group = group(100);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> first = callers.submit(() -> {
            MDC.put("letterId", "letter-1");
            try {
                return group.call("1", () -> {
                    inside.countDown();
                    await(release);
                    return MDC.get("letterId");
                });
            } finally {
                MDC.remove("letterId");
            }
        });
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        List<Future<Object>> others = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            String letter = "letter-" + i;
            others.add(callers.submit(() -> {
                MDC.put("letterId", letter);
                try {
                    return List.of(group.call(letter, () -> MDC.get("letterId")), Thread.currentThread().getName());
                } finally {
                    MDC.remove("letterId");
                }
            }));
        }
        while (group.queued() < 3) {
            Thread.sleep(5);
        }
        release.countDown();
        assertEquals("letter-1", first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < 3; i++) {
            assertEquals("letter-" + (i + 2), ((List<?>) others.get(i).get(10, TimeUnit.SECONDS)).get(0));
        }
        assertEquals(List.of(1, 3), sizes, "the three ran in one transaction, in one of the callers' threads");
    }

    @Test
    void manyCallersAtOnceLoseNothingAndCommitEachUnitOnce() throws Exception {
        GroupCommit group = group(16);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String key = String.format("%05d", i);
            results.add(callers.submit(() -> group.call(key, () -> {
                db.write(key);
                return key;
            })));
        }
        for (int i = 0; i < results.size(); i++) {
            assertEquals(String.format("%05d", i), results.get(i).get(30, TimeUnit.SECONDS));
        }
        List<String> all = db.all();
        assertEquals(2000, all.size());
        assertEquals(2000, all.stream().distinct().count());
        assertEquals(2000, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(sizes.stream().allMatch(s -> s <= 16));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
