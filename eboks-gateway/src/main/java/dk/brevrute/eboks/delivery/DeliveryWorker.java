package dk.brevrute.eboks.delivery;

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
import dk.brevrute.eboks.sf1601.Sf1601Client;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Sends due letters with bounded concurrency. One loop thread per replica claims as many due
 * letters as there are free slots ({@code gateway.delivery.concurrency}) and hands each to a
 * delivery thread; when nothing is due it sleeps for the poll interval or until a new letter is
 * accepted. A slow letter holds one slot, never a Kafka partition.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** Fired when a letter became due; observed after the commit. */
    record Due() {
    }

    private final DeliveryClaims claims;
    private final DeliveryAttempt attempt;
    private final GatewayConfig config;
    private final Semaphore slots;
    private final Object wake = new Object();
    private boolean nudged;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService pool;

    DeliveryWorker(DeliveryClaims claims, DeliveryAttempt attempt, GatewayConfig config) {
        this.claims = claims;
        this.attempt = attempt;
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
        while (running) {
            try {
                slots.acquire();
                int free = 1 + slots.drainPermits();
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
                for (DeliveryClaims.Claimed claim : claimed) {
                    pool.execute(() -> {
                        try {
                            attempt.run(claim.claim(), claim.job());
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (claimed.size() < free) {
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

    private void sleepUnlessNudged(long millis) throws InterruptedException {
        synchronized (wake) {
            if (!nudged && running) {
                wake.wait(millis);
            }
            nudged = false;
        }
    }
}
