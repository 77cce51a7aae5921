package dk.brevrute.intake.job;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class PrintJobRepository implements PanacheRepositoryBase<PrintJob, Integer> {

    /** A unit's job; another unit's job does not exist for it. */
    public Optional<PrintJob> ofUnit(int id, String unit) {
        return find("id = ?1 and unit = ?2", id, unit).firstResultOptional();
    }

    /** As {@link #ofUnit}, locked for an update that must not race another replica. */
    public Optional<PrintJob> ofUnitForUpdate(int id, String unit) {
        return find("id = ?1 and unit = ?2", id, unit).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<PrintJob> bySource(String unit, String sourceKey) {
        return find("unit = ?1 and sourceKey = ?2", unit, sourceKey).firstResultOptional();
    }

    /**
     * A unit's jobs for Get-Jobs: not finished ones oldest first, finished ones newest first (RFC 8011
     * 4.2.6), optionally only those of one user, at most {@code limit}.
     */
    public List<PrintJob> forGetJobs(String unit, boolean completed, String user, int limit) {
        String states = completed ? "state in (?2)" : "state not in (?2)";
        List<PrintJob.State> finished = List.of(PrintJob.State.CANCELED, PrintJob.State.ABORTED, PrintJob.State.COMPLETED);
        Sort sort = completed ? Sort.descending("id") : Sort.ascending("id");
        if (user == null) {
            return find("unit = ?1 and " + states, sort, unit, finished).page(Page.ofSize(limit)).list();
        }
        return find("unit = ?1 and " + states + " and originatingUser = ?3", sort, unit, finished, user).page(Page.ofSize(limit)).list();
    }

    public long queued(String unit) {
        return count("unit = ?1 and state in (?2)", unit, List.of(PrintJob.State.PENDING, PrintJob.State.PENDING_HELD));
    }

    /** Letters waiting for review in a unit, oldest first. */
    public List<PrintJob> held(String unit) {
        return list("unit = ?1 and state = ?2", Sort.ascending("heldSince", "id"), unit, PrintJob.State.PENDING_HELD);
    }
}
