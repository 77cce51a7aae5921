package dk.brevrute.intake.document;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dk.brevrute.intake.config.IntakeConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;

/**
 * Deletes the bytes of documents whose letters are all finished (delivered, failed, returned or
 * cancelled) for longer than the retention period, unless a print job waiting for review holds the same bytes. The document row (hash, size, pages) and the
 * letters' metadata and timelines stay as the record of what was sent. Several replicas may run it:
 * rows are claimed with FOR UPDATE SKIP LOCKED.
 */
@ApplicationScoped
class DocumentRetention {

    private static final Logger LOG = Logger.getLogger(DocumentRetention.class);
    static final int BATCH = 500;

    private final EntityManager em;
    private final IntakeConfig config;

    DocumentRetention(EntityManager em, IntakeConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "${intake.document.retention-every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        Instant cutoff = Instant.now().minus(config.document().retention());
        int deleted;
        int total = 0;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    UPDATE document SET content = NULL, deleted_at = now()
                    WHERE id IN (
                        SELECT d.id FROM document d
                        WHERE d.deleted_at IS NULL
                          AND EXISTS (SELECT 1 FROM letter l WHERE l.document_id = d.id)
                          AND NOT EXISTS (SELECT 1 FROM print_job j WHERE j.document_id = d.id AND j.state = 'PENDING_HELD')
                          AND NOT EXISTS (SELECT 1 FROM letter l WHERE l.document_id = d.id
                                AND (l.status NOT IN ('DELIVERED', 'FAILED', 'RETURNED', 'CANCELLED') OR l.updated_at > ?1))
                        LIMIT ?2 FOR UPDATE OF d SKIP LOCKED)""")
                    .setParameter(1, cutoff)
                    .setParameter(2, BATCH)
                    .executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("retention: deleted the content of %d documents finished before %s", total, cutoff);
        }
    }
}
