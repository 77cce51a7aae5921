package dk.brevrute.kit.transaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Group commit: small units of work that many threads would each commit alone (a delivery outcome, a
 * receipt) share one transaction. A caller's unit joins the queue; one caller at a time leads, taking
 * every unit queued at that moment (up to {@code maxUnits}) into one new transaction, and each caller
 * returns once the transaction holding its unit has committed, with its unit's result. Nothing waits
 * on purpose: a unit queued while a transaction commits goes into the next one, so under light load a
 * unit is alone in its transaction, as before, and under load one commit serves many.
 *
 * <p>Units run in the order of their keys (a letter id, say; units without a key last), so that
 * transactions lock rows in one order. A {@code prepare} step, given the keys of a transaction's units
 * in that order, runs in the transaction before them: it can lock or load in one statement what each
 * unit would ask for on its own. Each runs in its caller's trace context and log MDC. If the
 * shared transaction fails (one unit threw, the commit failed), it is rolled back and every unit of it
 * is run again by its own caller in a transaction of its own, so one bad unit fails only its caller and
 * what it throws reaches that caller. A unit must therefore do nothing outside the database that it
 * cannot do twice. Callers must not be in a transaction.
 */
public final class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Runs work in a new transaction and commits it (throws if it rolled back). */
    @FunctionalInterface
    public interface Transactions {
        void inNewTransaction(Runnable work);
    }

    private final String name;
    private final int maxUnits;
    private final Transactions transactions;
    private final Consumer<List<String>> prepare;
    private final Consumer<Integer> unitsPerTransaction;
    private final Object monitor = new Object();
    /** Guarded by {@code monitor}. */
    private final ArrayDeque<Unit<?>> queue = new ArrayDeque<>();
    /** Guarded by {@code monitor}: whether a caller is leading (taking units and committing them). */
    private boolean leading;

    /**
     * @param name for logs
     * @param maxUnits at most this many units in one transaction
     * @param transactions how to run a new transaction
     * @param unitsPerTransaction told the number of units of every shared transaction that committed
     */
    public GroupCommit(String name, int maxUnits, Transactions transactions, Consumer<Integer> unitsPerTransaction) {
        this(name, maxUnits, transactions, keys -> {
        }, unitsPerTransaction);
    }

    /**
     * As {@link #GroupCommit(String, int, Transactions, Consumer)}, with {@code prepare}: run in each
     * shared transaction before its units, with their keys in order (those without a key left out). A
     * unit run again alone, after its shared transaction failed, runs without it.
     */
    public GroupCommit(String name, int maxUnits, Transactions transactions, Consumer<List<String>> prepare,
            Consumer<Integer> unitsPerTransaction) {
        if (maxUnits < 1) {
            throw new IllegalArgumentException("maxUnits must be at least 1");
        }
        this.name = name;
        this.maxUnits = maxUnits;
        this.transactions = transactions;
        this.prepare = prepare;
        this.unitsPerTransaction = unitsPerTransaction;
    }

    /**
     * Runs {@code work} in a transaction, maybe shared with other callers' units, and returns its result
     * once that transaction has committed. {@code key} orders the units of a transaction (null: last).
     */
    public <R> R call(String key, Supplier<R> work) {
        Unit<R> unit = new Unit<>(key, work, Context.current(), MDC.getMap());
        boolean interrupted = false;
        synchronized (monitor) {
            queue.add(unit);
        }
        while (true) {
            synchronized (monitor) {
                while (!unit.done && leading) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // Keep waiting: the unit may already be in a transaction, and its outcome must be known.
                        interrupted = true;
                    }
                }
                if (!unit.done) {
                    leading = true;
                }
            }
            if (unit.done) {
                break;
            }
            lead(unit);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (unit.failure instanceof RuntimeException e) {
            throw e;
        }
        if (unit.failure instanceof Error e) {
            throw e;
        }
        if (unit.together) {
            // Its shared transaction failed: this unit alone, in a transaction of its own.
            Holder<R> result = new Holder<>();
            transactions.inNewTransaction(() -> result.value = work.get());
            return result.value;
        }
        return unit.result;
    }

    /** Units waiting for a transaction. */
    public int queued() {
        synchronized (monitor) {
            return queue.size();
        }
    }

    /** Commits batches of queued units until {@code own} is among the committed or failed, then hands over. */
    private void lead(Unit<?> own) {
        try {
            while (!own.done) {
                List<Unit<?>> batch = new ArrayList<>();
                synchronized (monitor) {
                    while (batch.size() < maxUnits && !queue.isEmpty()) {
                        batch.add(queue.poll());
                    }
                }
                if (batch.isEmpty()) {
                    break; // cannot happen while own is queued; guards against a lost unit
                }
                commit(batch);
            }
        } finally {
            synchronized (monitor) {
                leading = false;
                monitor.notifyAll();
            }
        }
    }

    private void commit(List<Unit<?>> batch) {
        batch.sort(Comparator.comparing((Unit<?> u) -> u.key, Comparator.nullsLast(Comparator.naturalOrder())));
        List<String> keys = batch.stream().map(u -> u.key).filter(Objects::nonNull).toList();
        Throwable failure = null;
        try {
            transactions.inNewTransaction(() -> {
                if (!keys.isEmpty()) {
                    prepare.accept(keys);
                }
                batch.forEach(Unit::run);
            });
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        try {
            if (failure == null) {
                unitsPerTransaction.accept(batch.size());
            } else if (batch.size() > 1) {
                LOG.debugf("%s: a transaction of %d units failed together (%s); each is run alone", name, batch.size(),
                        failure.getClass().getSimpleName());
            }
        } finally {
            // Whatever happens here, every caller of the batch learns its outcome (none waits for ever).
            synchronized (monitor) {
                for (Unit<?> unit : batch) {
                    if (failure != null) {
                        // Alone in its transaction the failure is the unit's own: its caller gets it, without a second run.
                        unit.failure = batch.size() == 1 || failure instanceof Error ? failure : null;
                        unit.together = unit.failure == null;
                    }
                    unit.done = true;
                }
                monitor.notifyAll();
            }
        }
    }

    private static final class Unit<R> {
        final String key;
        final Supplier<R> work;
        final Context context;
        final Map<String, Object> mdc;
        /** Guarded by the monitor from here on. */
        boolean done;
        boolean together;
        Throwable failure;
        R result;

        Unit(String key, Supplier<R> work, Context context, Map<String, Object> mdc) {
            this.key = key;
            this.work = work;
            this.context = context;
            this.mdc = mdc;
        }

        /** In the leader's thread, inside the shared transaction, with the caller's trace and MDC. */
        void run() {
            Map<String, Object> leaderMdc = MDC.getMap();
            MDC.clear();
            mdc.forEach(MDC::put);
            try (Scope ignored = context.makeCurrent()) {
                result = work.get();
            } finally {
                MDC.clear();
                leaderMdc.forEach(MDC::put);
            }
        }
    }

    private static final class Holder<R> {
        R value;
    }
}
