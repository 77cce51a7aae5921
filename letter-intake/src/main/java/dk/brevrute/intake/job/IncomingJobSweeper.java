package dk.brevrute.intake.job;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dk.brevrute.intake.config.IntakeConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Aborts jobs whose client created them (IPP Create-Job) and never sent the last document within
 * {@code intake.printer.multiple-operation-timeout}. Replicas share the work: rows are claimed with
 * FOR UPDATE SKIP LOCKED.
 */
@ApplicationScoped
class IncomingJobSweeper {

    private final PrintJobRepository jobs;
    private final JobService service;
    private final IntakeConfig config;

    IncomingJobSweeper(PrintJobRepository jobs, JobService service, IntakeConfig config) {
        this.jobs = jobs;
        this.service = service;
        this.config = config;
    }

    @Scheduled(every = "${intake.printer.sweep-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        sweep(Instant.now().minus(config.printer().multipleOperationTimeout()));
    }

    /** Aborts up to 100 jobs still waiting for their document that were created before {@code cutoff}. */
    void sweep(Instant cutoff) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<PrintJob> stale = jobs.find("state = ?1 and createdAt < ?2", PrintJob.State.PENDING, cutoff)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2).page(0, 100).list();
            stale.forEach(service::abortIncomplete);
        });
    }
}
