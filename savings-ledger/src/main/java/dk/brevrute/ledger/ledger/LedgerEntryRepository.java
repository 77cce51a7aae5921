package dk.brevrute.ledger.ledger;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
class LedgerEntryRepository implements PanacheRepository<LedgerEntry> {

    /** Whether the letter has an entry of this kind (a query whose plan is cached, unlike a count's). */
    boolean exists(UUID letterId, EntryKind kind) {
        return !getEntityManager().createQuery("select 1 from LedgerEntry e where e.letterId = ?1 and e.kind = ?2", Integer.class)
                .setParameter(1, letterId).setParameter(2, kind).setMaxResults(1).getResultList().isEmpty();
    }

    List<LedgerEntry> forLetter(UUID letterId) {
        return list("letterId = ?1 order by id", letterId);
    }

    /** Per booking: booked saving and fee so far (the digital saving and its corrections). */
    List<Object[]> pricingOf(Collection<Long> bookingIds) {
        return getEntityManager().createQuery("""
                select e.bookingId, sum(e.saving), sum(e.digitalFee), max(e.id) from LedgerEntry e
                where e.bookingId in ?1 and e.kind in (dk.brevrute.ledger.ledger.EntryKind.DIGITAL_SAVING,
                                                       dk.brevrute.ledger.ledger.EntryKind.TARIFF_CORRECTION)
                group by e.bookingId""", Object[].class)
                .setParameter(1, bookingIds).getResultList();
    }

    List<PeriodTotals> totalsByDepartment(LocalDate from, LocalDate to) {
        return getEntityManager().createQuery("""
                select new dk.brevrute.ledger.ledger.PeriodTotals(e.department, e.period,
                       sum(e.digitalLetters), sum(e.printLetters), sum(e.returnedLetters),
                       sum(e.saving), sum(e.printCost), sum(e.digitalFee))
                from LedgerEntry e where e.period >= ?1 and e.period <= ?2
                group by e.department, e.period order by e.period, e.department""", PeriodTotals.class)
                .setParameter(1, from).setParameter(2, to).getResultList();
    }

    List<PeriodTotals> totalsByCostCentre(LocalDate from, LocalDate to) {
        return getEntityManager().createQuery("""
                select new dk.brevrute.ledger.ledger.PeriodTotals(e.department, e.costCentre, e.period,
                       sum(e.digitalLetters), sum(e.printLetters), sum(e.returnedLetters),
                       sum(e.saving), sum(e.printCost), sum(e.digitalFee))
                from LedgerEntry e where e.period >= ?1 and e.period <= ?2
                group by e.department, e.costCentre, e.period order by e.period, e.department, e.costCentre""", PeriodTotals.class)
                .setParameter(1, from).setParameter(2, to).getResultList();
    }

    /** Changes whenever anything a report reads is added: entries, closed months, tariffs, plan inputs. */
    String revision() {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                SELECT (SELECT coalesce(max(id), 0) FROM ledger_entry), (SELECT count(*) FROM closed_month),
                       (SELECT count(*) FROM tariff_version),
                       (SELECT coalesce(max(id), 0) FROM actual_investment) + (SELECT coalesce(max(id), 0) FROM price_index)
                       + (SELECT coalesce(max(id), 0) FROM plan_year) + (SELECT coalesce(max(id), 0) FROM month_profile)""")
                .getSingleResult();
        return row[0] + "-" + row[1] + "-" + row[2] + "-" + row[3];
    }

    long lastId() {
        Long max = getEntityManager().createQuery("select max(e.id) from LedgerEntry e", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }
}
