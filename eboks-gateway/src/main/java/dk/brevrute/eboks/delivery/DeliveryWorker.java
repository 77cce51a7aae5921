package dk.brevrute.eboks.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dk.brevrute.eboks.config.GatewayConfig;
import dk.brevrute.eboks.document.DocumentFetcher;
import dk.brevrute.eboks.sf1601.Sf1601Client;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Sends due letters with bounded concurrency. One loop thread per replica claims as many due
 * letters as there are free slots ({@code gateway.delivery.concurrency}) and hands each to a
 * delivery thread; when nothing is due it sleeps for the poll interval or until a new letter is
 * accepted. A slow letter holds one slot, never a Kafka partition. While letters wait for slots, it
 * gathers free slots for a moment ({@code gateway.delivery.gather}); the documents of the letters it
 * claims together are fetched in one call by the first of their delivery threads.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** Fired when a letter became due; observed after the commit. */
    record Due() {
    }

    private final DeliveryClaims claims;
    private final DeliveryAttempt attempt;
    private final DocumentFetcher fetcher;
    private final DeliveryMetrics metrics;
    private final GatewayConfig config;
    private final Semaphore slots;
    private final Object wake = new Object();
    private boolean nudged;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService pool;

    DeliveryWorker(DeliveryClaims claims, DeliveryAttempt attempt, DocumentFetcher fetcher, DeliveryMetrics metrics, GatewayConfig config) {
        this.claims = claims;
        this.attempt = attempt;
        this.fetcher = fetcher;
        this.metrics = metrics;
        this.config = config;
        this.slots = new Semaphore(config.delivery().concurrency());
    }

    void start(@Observes StartupEvent event) {
        int concurrency = config.delivery().concurrency();
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "sf1601-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        running = true;
        loop = new Thread(this::run, "sf1601-delivery-loop");
        loop.setDaemon(true);
        loop.start();
        LOG.infof("delivery worker started: %d letters at a time", concurrency);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        nudge();
        if (loop != null) {
            loop.interrupt();
        }
        if (pool != null) {
            pool.shutdown();
            try {
                // Letters still in flight after this keep their lease and are taken up again when it ends.
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("letters still being sent at shutdown: they are resumed when their lease ends");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) Due due) {
        nudge();
    }

    private void nudge() {
        synchronized (wake) {
            nudged = true;
            wake.notifyAll();
        }
    }

    private void run() {
        long pollMillis = Math.max(10, config.delivery().pollInterval().toMillis());
        int gatherSlots = Math.max(1, config.delivery().concurrency() / 2);
        long gatherNanos = config.delivery().gather().toNanos();
        boolean backlog = false;
        while (running) {
            try {
                slots.acquire();
                int free = 1 + slots.drainPermits();
                if (backlog && free < gatherSlots && gatherNanos > 0) {
                    free += gather(gatherSlots - free, gatherNanos);
                }
                List<DeliveryClaims.Claimed> claimed;
                try {
                    claimed = claims.claim(free, config.delivery().lease());
                } catch (RuntimeException e) {
                    slots.release(free);
                    LOG.warnf("claiming due letters failed (%s); trying again", Sf1601Client.describe(e));
                    sleepUnlessNudged(Math.max(pollMillis, 1000));
                    continue;
                }
                slots.release(free - claimed.size());
                backlog = claimed.size() == free;
                ClaimedTogether together = new ClaimedTogether(claimed);
                for (int i = 0; i < claimed.size(); i++) {
                    DeliveryClaims.Claimed claim = claimed.get(i);
                    int index = i;
                    pool.execute(() -> {
                        try {
                            attempt.run(claim.claim(), claim.job(), together.document(index));
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (!backlog) {
                    sleepUnlessNudged(pollMillis);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.errorf("delivery loop: %s", Sf1601Client.describe(e));
            }
        }
    }

    /** Takes up to {@code wanted} more slots as they are freed within {@code nanos}; returns how many it took. */
    private int gather(int wanted, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        int taken = 0;
        while (taken < wanted) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            taken++;
            int more = Math.min(wanted - taken, slots.availablePermits());
            if (more > 0 && slots.tryAcquire(more)) {
                taken += more;
            }
        }
        return taken;
    }

    /**
     * Letters claimed together, and their documents: fetched from letter-intake in one call by the
     * first delivery thread that needs one (the others that need one wait for it), so the claiming loop
     * never waits for letter-intake. One claimed alone, and any the batch did not give, the attempt
     * fetches itself. A cancelled letter needs none, and a letter whose citizen is to be asked about
     * first gets it only once the answer is yes.
     */
    private final class ClaimedTogether {

        private final List<DeliveryClaims.Claimed> claimed;
        /** The indexes of the letters whose documents are fetched ahead, decided once. */
        private final List<Integer> needing = new ArrayList<>();
        /** Guarded by this. */
        private List<DocumentFetcher.Prefetched> documents;

        ClaimedTogether(List<DeliveryClaims.Claimed> claimed) {
            this.claimed = claimed;
            for (int i = 0; i < claimed.size(); i++) {
                DeliveryAttempt.Job job = claimed.get(i).job();
                if (!job.cancelled() && job.recipientId() != null && job.documentId() != null && !attempt.asksRegistration(job)) {
                    needing.add(i);
                }
            }
        }

        /** The document fetched ahead for the {@code index}th letter; null: the attempt fetches its own. */
        DocumentFetcher.Prefetched document(int index) {
            if (needing.size() < 2 || !needing.contains(index)) {
                return null;
            }
            synchronized (this) {
                if (documents == null) {
                    documents = fetchAll();
                }
                return documents.get(index);
            }
        }

        private List<DocumentFetcher.Prefetched> fetchAll() {
            List<DocumentFetcher.Prefetched> none = java.util.Collections.nCopies(claimed.size(), null);
            try {
                List<DocumentFetcher.Prefetched> fetched = fetcher.fetchAll(needing.stream().map(i -> claimed.get(i).job())
                        .map(j -> new DocumentFetcher.Wanted(j.documentId(), j.department(), j.documentSha256())).toList());
                List<DocumentFetcher.Prefetched> result = new ArrayList<>(none);
                for (int k = 0; k < needing.size(); k++) {
                    result.set(needing.get(k), fetched.get(k));
                }
                metrics.documentsPerFetch(needing.size());
                return result;
            } catch (RuntimeException e) {
                LOG.warnf("fetching %d documents together failed (%s): each letter fetches its own", needing.size(),
                        Sf1601Client.describe(e));
                return none;
            }
        }
    }

    private void sleepUnlessNudged(long millis) throws InterruptedException {
        synchronized (wake) {
            if (!nudged && running) {
                wake.wait(millis);
            }
            nudged = false;
        }
    }
}
