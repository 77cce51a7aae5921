package dk.brevrute.routing.decision;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.routing.config.RoutingConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Releases held letters when their time comes, retries look-ups, and prints unread letters. Rows
 * are claimed with FOR UPDATE SKIP LOCKED, so several replicas share the work and none does a letter twice.
 */
@ApplicationScoped
class RoutingScheduler {

    private static final Logger LOG = Logger.getLogger(RoutingScheduler.class);

    private final Router router;
    private final RoutingConfig config;

    RoutingScheduler(Router router, RoutingConfig config) {
        this.router = router;
        this.config = config;
    }

    @Scheduled(every = "${routing.scheduler.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        int limit = config.scheduler().batchSize();
        try {
            while (QuarkusTransaction.requiringNew().call(() -> router.runDue(limit)) == limit) {
                // more due letters: next batch
            }
            while (QuarkusTransaction.requiringNew().call(() -> router.runUnread(limit)) == limit) {
                // more unread letters: next batch
            }
        } catch (RuntimeException e) {
            LOG.warnf("routing scheduler: %s; next run retries", e.getClass().getSimpleName());
        }
    }
}
