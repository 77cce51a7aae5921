package dk.brevrute.print.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dk.brevrute.print.config.PrintConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Retention: a finished letter keeps the record of what was sent (ids, status, batch, envelope, costs,
 * zone, postcode, city, country, citizen key) but loses the recipient's CPR number, name, street,
 * supplement, normalised address and the request's address after {@code print.retention.address}; a
 * handed-over batch loses its print file and manifests after {@code print.retention.print-files}. One
 * replica at a time (advisory lock), rows claimed FOR UPDATE SKIP LOCKED.
 */
@ApplicationScoped
class PrintRetention {

    private static final Logger LOG = Logger.getLogger(PrintRetention.class);
    /** Advisory lock key of this job ("print retention"). */
    static final long LOCK = 0x7072696e_74726574L;

    record Result(int letters, int batches) {
    }

    private final EntityManager em;
    private final PrintConfig config;

    PrintRetention(EntityManager em, PrintConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "${print.retention.every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (!config.retention().enabled()) {
            return;
        }
        try {
            Result r = run(Instant.now());
            if (r.letters() > 0 || r.batches() > 0) {
                LOG.infof("retention: addresses of %d letters and files of %d batches removed", r.letters(), r.batches());
            }
        } catch (RuntimeException e) {
            LOG.warnf("retention: %s; next run retries", e.getClass().getSimpleName());
        }
    }

    Result run(Instant now) {
        int limit = config.retention().batchSize();
        Instant addressCutoff = now.minus(config.retention().address());
        Instant filesCutoff = now.minus(config.retention().printFiles());
        int letters = repeat(limit, n -> letters(addressCutoff, now, n));
        int batches = repeat(limit, n -> batches(filesCutoff, now, n));
        return new Result(letters, batches);
    }

    private static int repeat(int limit, Function<Integer, Integer> batch) {
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(() -> batch.apply(limit));
            total += Math.max(n, 0);
        } while (n == limit);
        return total;
    }

    private boolean locked() {
        return Boolean.TRUE.equals(em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private int letters(Instant cutoff, Instant now, int limit) {
        if (!locked()) {
            return -1;
        }
        List<PrintLetter> due = em.createNativeQuery("""
                SELECT * FROM print_letter
                WHERE address_removed_at IS NULL AND status IN ('DELIVERED', 'RETURNED', 'FAILED', 'CANCELLED', 'REROUTED')
                  AND updated_at < ?1
                ORDER BY updated_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", PrintLetter.class)
                .setParameter(1, cutoff).setParameter(2, limit).getResultList();
        for (PrintLetter l : due) {
            l.recipientCpr = null;
            l.requestAddress = null;
            l.addressKey = null;
            l.addrName = null;
            l.addrStreet = null;
            l.addrSupplement = null;
            l.addressRemovedAt = now;
        }
        return due.size();
    }

    @SuppressWarnings("unchecked")
    private int batches(Instant cutoff, Instant now, int limit) {
        if (!locked()) {
            return -1;
        }
        List<PrintBatch> due = em.createNativeQuery("""
                SELECT * FROM print_batch
                WHERE files_removed_at IS NULL AND state = 'HANDED_OVER' AND handed_over_at < ?1
                ORDER BY handed_over_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", PrintBatch.class)
                .setParameter(1, cutoff).setParameter(2, limit).getResultList();
        for (PrintBatch b : due) {
            for (String file : new String[] {b.pdfFile, b.manifestCsvFile, b.manifestJsonFile}) {
                delete(file);
            }
            b.filesRemovedAt = now;
        }
        return due.size();
    }

    private static void delete(String file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
            // Left on disk; the row says removed, so an operator's cleanup finds it by name.
            LOG.warnf("retention: could not delete %s (%s)", Path.of(file).getFileName(), e.getClass().getSimpleName());
        }
    }
}
