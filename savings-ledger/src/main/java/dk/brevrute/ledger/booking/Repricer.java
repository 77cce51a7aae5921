package dk.brevrute.ledger.booking;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dk.brevrute.ledger.config.LedgerConfig;
import dk.brevrute.ledger.ledger.EntryKind;
import dk.brevrute.ledger.ledger.Ledger;
import dk.brevrute.ledger.ledger.LedgerLock;
import dk.brevrute.ledger.tariff.TariffAdded;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * After a new tariff version, re-prices the digital bookings delivered from its date until the next
 * version's: each booking's saving under the version now in force, minus what is booked, becomes a
 * correction entry (bookings and entries are never changed). The target is recomputed every time, so
 * running a batch twice writes nothing the second time; one replica works at a time (advisory lock),
 * in batches, resuming after a crash from the job's position.
 */
@ApplicationScoped
class Repricer {

    private static final Logger LOG = Logger.getLogger(Repricer.class);
    private static final long WORKER_LOCK = 0x6c65_6467_6572_0002L;

    private final RepricingJobRepository jobs;
    private final BookingRepository bookings;
    private final Bookkeeper bookkeeper;
    private final Ledger ledger;
    private final LedgerLock lock;
    private final LedgerConfig config;
    private final EntityManager em;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-repricer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();

    Repricer(RepricingJobRepository jobs, BookingRepository bookings, Bookkeeper bookkeeper, Ledger ledger, LedgerLock lock,
            LedgerConfig config, EntityManager em, MeterRegistry metrics, Clock clock) {
        this.jobs = jobs;
        this.bookings = bookings;
        this.bookkeeper = bookkeeper;
        this.ledger = ledger;
        this.lock = lock;
        this.config = config;
        this.em = em;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** In the transaction that adds the version: the job exists if and only if the version does. */
    void schedule(@Observes TariffAdded added) {
        RepricingJob job = new RepricingJob();
        job.tariffId = added.tariffId();
        job.fromDate = added.from();
        job.toDate = added.until();
        jobs.persist(job);
    }

    /** After the version committed: start at once rather than at the next poll. */
    void nudge(@Observes(during = TransactionPhase.AFTER_SUCCESS) TariffAdded added) {
        nudges.execute(this::drain);
    }

    @Scheduled(every = "${ledger.repricing.interval:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /** Runs batches until no job is left, another replica holds the work, or a batch fails. */
    void drain() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (QuarkusTransaction.requiringNew().call(this::batch)) {
                // next batch
            }
        } catch (RuntimeException e) {
            LOG.warnf("re-pricing stopped (%s); it resumes at the next poll", e.getClass().getSimpleName());
        } finally {
            running.set(false);
        }
    }

    /** One batch of the oldest pending job; false when there is nothing (more) to do here. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean batch() {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, WORKER_LOCK).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        RepricingJob job = jobs.nextPending().orElse(null);
        if (job == null) {
            return false;
        }
        lock.shared();
        Instant from = job.fromDate.atStartOfDay(config.timeZone()).toInstant();
        Instant to = job.toDate == null ? null : job.toDate.atStartOfDay(config.timeZone()).toInstant();
        List<Booking> batch = bookings.digitalBetween(from, to, job.nextBookingId, config.repricing().batchSize());
        if (batch.isEmpty()) {
            job.doneAt = clock.instant();
            LOG.infof("re-pricing for tariff %s done: %d correction(s)", job.tariffId, job.corrections);
            return true;
        }
        Map<Long, Ledger.Booked> booked = ledger.booked(batch.stream().map(b -> b.id).toList());
        for (Booking b : batch) {
            Ledger.Booked so = booked.getOrDefault(b.id, new Ledger.Booked(BigDecimal.ZERO, BigDecimal.ZERO, 0));
            var correction = bookkeeper.digitalSaving(b, EntryKind.TARIFF_CORRECTION, so.saving(), so.digitalFee());
            if (correction.saving().signum() != 0 || correction.digitalFee().signum() != 0) {
                ledger.append(correction);
                job.corrections++;
                metrics.counter("ledger.corrections", "kind", EntryKind.TARIFF_CORRECTION.name()).increment();
            }
        }
        job.nextBookingId = batch.get(batch.size() - 1).id;
        return true;
    }

    @PreDestroy
    void stop() {
        nudges.shutdownNow();
    }
}
