package dk.brevrute.ledger.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.kit.api.ProblemException;

/**
 * The ledger: appends entries (never changes one) in the month they belong to, or, when finance has
 * closed that month, in the current month, so a closed month never changes.
 */
@ApplicationScoped
public class Ledger {

    /** What a booking's digital saving and fee add up to so far. */
    public record Booked(BigDecimal saving, BigDecimal digitalFee, long lastEntryId) {
    }

    /** A month finance closed. */
    public record Closed(String month, String closedBy, java.time.Instant closedAt) {
    }

    private final LedgerEntryRepository entries;
    private final ClosedMonthRepository closed;
    private final LedgerLock lock;
    private final Clock clock;

    Ledger(LedgerEntryRepository entries, ClosedMonthRepository closed, LedgerLock lock, Clock clock) {
        this.entries = entries;
        this.closed = closed;
        this.lock = lock;
        this.clock = clock;
    }

    public YearMonth currentMonth() {
        return YearMonth.now(clock);
    }

    /** The month an entry for a fact of {@code month} lands in: that month while open, else the current one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public YearMonth landing(YearMonth month) {
        Set<LocalDate> closedMonths = new HashSet<>(lock.readOnce("closed-from", month, () -> closed.closedFrom(month.atDay(1))));
        if (!closedMonths.contains(month.atDay(1))) {
            return month;
        }
        YearMonth candidate = month.isAfter(currentMonth()) ? month : currentMonth();
        while (closedMonths.contains(candidate.atDay(1))) {
            candidate = candidate.plusMonths(1);
        }
        return candidate;
    }

    /** Appends an entry; the caller holds {@link LedgerLock#shared()}. Returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long append(NewEntry n) {
        LedgerEntry e = new LedgerEntry();
        e.kind = n.kind();
        e.bookingId = n.bookingId();
        e.letterId = n.letterId();
        e.department = n.department();
        e.costCentre = n.costCentre();
        e.eventDate = n.eventDate();
        e.period = landing(YearMonth.from(n.eventDate())).atDay(1);
        e.digitalLetters = n.digitalLetters();
        e.printLetters = n.printLetters();
        e.returnedLetters = n.returnedLetters();
        e.saving = zeroIfNull(n.saving());
        e.printCost = zeroIfNull(n.printCost());
        e.digitalFee = zeroIfNull(n.digitalFee());
        e.tariffId = n.tariffId();
        e.priced = n.priced();
        e.note = n.note();
        entries.persist(e);
        return e.id;
    }

    /** Booked digital saving and fee per booking (bookings without any are absent). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Long, Booked> booked(Collection<Long> bookingIds) {
        Map<Long, Booked> result = new HashMap<>();
        if (bookingIds.isEmpty()) {
            return result;
        }
        for (Object[] row : entries.pricingOf(bookingIds)) {
            result.put((Long) row[0], new Booked((BigDecimal) row[1], (BigDecimal) row[2], (Long) row[3]));
        }
        return result;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hasEntry(UUID letterId, EntryKind kind) {
        return entries.exists(letterId, kind);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<EntryView> forLetter(UUID letterId) {
        return entries.forLetter(letterId).stream().map(Ledger::view).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<PeriodTotals> totalsByDepartment(YearMonth from, YearMonth to) {
        return entries.totalsByDepartment(from.atDay(1), to.atDay(1));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<PeriodTotals> totalsByCostCentre(YearMonth from, YearMonth to) {
        return entries.totalsByCostCentre(from.atDay(1), to.atDay(1));
    }

    /** Changes whenever anything a report reads is added. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String revision() {
        return entries.revision();
    }

    /**
     * Closes a month: from now on nothing lands in it. Only an ended month can be closed; closing it
     * again changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Closed close(YearMonth month, String by) {
        if (!month.isBefore(currentMonth())) {
            throw new ProblemException(409, "month-not-ended", "Month not ended",
                    "only a month that has ended can be closed; " + month + " has not");
        }
        lock.exclusive();
        ClosedMonth c = closed.findById(month.atDay(1));
        if (c == null) {
            c = new ClosedMonth();
            c.month = month.atDay(1);
            c.closedBy = by;
            closed.persist(c);
            closed.flush();
            closed.getEntityManager().refresh(c);
        }
        return new Closed(YearMonth.from(c.month).toString(), c.closedBy, c.closedAt);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Closed> closedMonths() {
        return closed.allByMonth().stream().map(c -> new Closed(YearMonth.from(c.month).toString(), c.closedBy, c.closedAt)).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean isClosed(YearMonth month) {
        return closed.findById(month.atDay(1)) != null;
    }

    private static BigDecimal zeroIfNull(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }

    private static EntryView view(LedgerEntry e) {
        return new EntryView(e.id, e.kind, e.department, e.costCentre, YearMonth.from(e.period).toString(), e.eventDate,
                e.digitalLetters, e.printLetters, e.returnedLetters, e.saving, e.printCost, e.digitalFee, e.tariffId, e.priced,
                e.note, e.createdAt);
    }
}
