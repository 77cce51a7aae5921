package dk.brevrute.print.batch;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * The print centre's timers. Every replica runs them; each unit of work (a letter, a batch) is
 * claimed with a row lock that other replicas skip (FOR UPDATE SKIP LOCKED) or a lease, and every
 * step re-checks the state under the lock, so each happens once.
 */
@ApplicationScoped
class BatchTimers {

    private static final Logger LOG = Logger.getLogger(BatchTimers.class);

    private final LetterPreparation preparation;
    private final BatchClosing closing;
    private final BatchRendering rendering;

    BatchTimers(LetterPreparation preparation, BatchClosing closing, BatchRendering rendering) {
        this.preparation = preparation;
        this.closing = closing;
        this.rendering = rendering;
    }

    @Scheduled(identity = "print-prepare", every = "${print.prepare.every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prepare() {
        guarded("prepare", () -> {
            while (preparation.prepareDue() > 0) {
                // keep going while there is a backlog
            }
            closing.finishClosing();
        });
    }

    @Scheduled(identity = "print-batches", every = "${print.batch.every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void batches() {
        guarded("batches", () -> {
            closing.cutOff(Instant.now());
            closing.finishClosing();
            rendering.renderDue();
        });
    }

    private static void guarded(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The next run tries again; the message may quote data, so only the type is logged.
            LOG.errorf("%s timer failed (%s)", name, e.getClass().getName());
        }
    }
}
