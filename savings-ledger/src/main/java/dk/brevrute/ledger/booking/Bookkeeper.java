package dk.brevrute.ledger.booking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Channel;
import dk.brevrute.events.LetterDelivered;
import dk.brevrute.events.LetterReturned;
import dk.brevrute.events.PostageClass;
import dk.brevrute.kit.transaction.TransactionMemo;
import dk.brevrute.ledger.config.LedgerConfig;
import dk.brevrute.ledger.ledger.EntryKind;
import dk.brevrute.ledger.ledger.Ledger;
import dk.brevrute.ledger.ledger.LedgerLock;
import dk.brevrute.ledger.ledger.NewEntry;
import dk.brevrute.ledger.tariff.Tariff;
import dk.brevrute.ledger.tariff.Tariffs;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Books a delivery once per letter and channel and writes its ledger entries: a digital letter
 * saves its paper cost under the tariff in force that day minus the Digital Post fee; a paper letter
 * costs what the print centre reported; a letter delivered both ways has its paper cost cancel the
 * saving. Runs in the consumer's transaction, after the inbox.
 */
@ApplicationScoped
class Bookkeeper {

    private static final Logger LOG = Logger.getLogger(Bookkeeper.class);

    private final BookingRepository bookings;
    private final LetterRouteRepository routes;
    private final Ledger ledger;
    private final LedgerLock lock;
    private final Tariffs tariffs;
    private final LedgerConfig config;
    private final MeterRegistry metrics;
    private final TransactionMemo memo;

    Bookkeeper(BookingRepository bookings, LetterRouteRepository routes, Ledger ledger, LedgerLock lock, Tariffs tariffs,
            LedgerConfig config, MeterRegistry metrics, TransactionMemo memo) {
        this.bookings = bookings;
        this.routes = routes;
        this.ledger = ledger;
        this.lock = lock;
        this.tariffs = tariffs;
        this.config = config;
        this.metrics = metrics;
        this.memo = memo;
    }

    private static final String POLL = Bookkeeper.class.getName() + ".poll";

    /**
     * A poll's letters, their bookings so far (with those the transaction adds) and their first routing
     * decisions, read in two statements for the deliveries of the poll that follow.
     */
    private record Poll(Set<UUID> letters, Map<UUID, List<Booking>> bookings, Map<UUID, LetterRoute> firstRoutes) {
    }

    /**
     * Reads what booking these deliveries needs, for all of them at once, in the transaction that books
     * them. A single letter keeps its own two queries, whose plans Hibernate keeps.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void prepare(List<LetterDelivered> deliveries) {
        Set<UUID> letters = deliveries.stream().map(LetterDelivered::letterId).filter(Objects::nonNull).collect(Collectors.toSet());
        memo.forget(POLL::equals);
        if (letters.size() < 2) {
            return;
        }
        lock.shared();
        Map<UUID, List<Booking>> booked = new HashMap<>();
        bookings.forLetters(letters).forEach(b -> booked.computeIfAbsent(b.letterId, id -> new ArrayList<>()).add(b));
        Poll poll = new Poll(letters, booked, routes.firstAmong(letters));
        memo.get(POLL, () -> poll);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void book(LetterDelivered delivered) {
        lock.shared();
        // The letter's bookings so far (none, or the other channel's): one query answers "booked already?"
        // and "delivered the other way too?".
        Poll poll = memo.get(POLL, () -> null);
        boolean read = poll != null && poll.letters().contains(delivered.letterId());
        List<Booking> earlier = read ? List.copyOf(poll.bookings().getOrDefault(delivered.letterId(), List.of()))
                : bookings.forLetter(delivered.letterId());
        if (earlier.stream().anyMatch(e -> e.channel == delivered.channel())) {
            LOG.debugf("letter %s already booked for %s", delivered.letterId(), delivered.channel());
            return;
        }
        Optional<LetterRoute> route = read ? Optional.ofNullable(poll.firstRoutes().get(delivered.letterId()))
                : routes.first(delivered.letterId());
        Booking b = new Booking();
        b.letterId = delivered.letterId();
        b.channel = delivered.channel();
        b.department = delivered.department();
        b.costCentre = delivered.costCentre();
        b.deliveredAt = delivered.deliveredAt() != null ? delivered.deliveredAt() : delivered.occurredAt();
        b.sheets = delivered.sheets() > 0 ? delivered.sheets() : route.map(r -> r.pages).filter(p -> p != null && p > 0).orElse(1);
        b.postageClass = delivered.postageClass() != null ? delivered.postageClass()
                : route.map(r -> r.postageClass).orElse(config.pricing().defaultPostageClass());
        b.zone = delivered.zone() != null ? delivered.zone() : route.map(r -> r.zone).orElse(config.pricing().defaultZone());
        b.postage = delivered.postage();
        b.materialCost = delivered.materialCost();
        b.digitalFee = delivered.digitalFee();
        b.tariffId = delivered.tariffId();
        b.eventId = delivered.eventId();
        bookings.persist(b);
        if (read) {
            poll.bookings().computeIfAbsent(b.letterId, id -> new ArrayList<>()).add(b);
        }

        if (b.channel == Channel.DIGITAL) {
            appendCounted(digitalSaving(b, EntryKind.DIGITAL_SAVING, null, null));
            earlier.stream().filter(e -> e.channel == Channel.PRINT).findFirst().ifPresent(paper -> appendCounted(paperAfterDigital(paper)));
        } else {
            appendCounted(new NewEntry(EntryKind.PRINT_COST, b.id, b.letterId, b.department, b.costCentre, date(b), 0, 1, 0,
                    BigDecimal.ZERO, printCost(b), BigDecimal.ZERO, b.tariffId, true, null));
            if (earlier.stream().anyMatch(e -> e.channel == Channel.DIGITAL)) {
                appendCounted(paperAfterDigital(b));
            }
        }
        metrics.counter("ledger.bookings", "channel", b.channel.name(), "department", b.department).increment();
        LOG.debugf("booked letter %s (%s)", b.letterId, b.channel);
    }

    /**
     * Appends the entry and adds its amounts to the meters (DKK, by department): what the dashboard
     * shows as savings, print cost and Digital Post fees booked. Corrections by re-pricing are not in them.
     */
    private void appendCounted(NewEntry e) {
        ledger.append(e);
        amount("ledger.saving.dkk", "digital savings booked (postage, envelope, print, handling not spent), DKK", e.department(), e.saving());
        amount("ledger.print.cost.dkk", "cost of paper letters booked, DKK", e.department(), e.printCost());
        amount("ledger.digital.fee.dkk", "Digital Post fees booked, DKK", e.department(), e.digitalFee());
    }

    /** Counters only grow: a negative amount (a saving taken back, paper after digital) goes to {@code <name>.reversed}. */
    private void amount(String name, String description, String department, BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return;
        }
        String meter = value.signum() > 0 ? name : name + ".reversed";
        io.micrometer.core.instrument.Counter.builder(meter).description(description).tag("department", department)
                .register(metrics).increment(value.abs().doubleValue());
    }

    /**
     * The digital saving of a booking under the tariff in force on its day; for a correction, the
     * difference to what is booked so far ({@code bookedSaving}, {@code bookedFee}).
     */
    NewEntry digitalSaving(Booking b, EntryKind kind, BigDecimal bookedSaving, BigDecimal bookedFee) {
        LocalDate day = date(b);
        Optional<Tariff> tariff = tariffs.inForce(day);
        BigDecimal saving = BigDecimal.ZERO;
        BigDecimal fee = BigDecimal.ZERO;
        boolean priced = false;
        String note = null;
        if (tariff.isEmpty()) {
            note = "no tariff in force on " + day;
        } else {
            try {
                PostageClass cls = b.postageClass != null ? b.postageClass : config.pricing().defaultPostageClass();
                String zone = b.zone != null ? b.zone : config.pricing().defaultZone();
                saving = tariff.get().digitalSaving(b.sheets, cls, zone);
                fee = Tariff.money(tariff.get().digitalPostFee());
                priced = true;
            } catch (Tariff.Unpriceable e) {
                note = e.getMessage();
            }
        }
        if (!priced) {
            LOG.warnf("digital letter %s not priced: %s", b.letterId, note);
        }
        if (bookedSaving != null) {
            saving = saving.subtract(bookedSaving);
            fee = fee.subtract(bookedFee);
        }
        return new NewEntry(kind, b.id, b.letterId, b.department, b.costCentre, day, kind == EntryKind.DIGITAL_SAVING ? 1 : 0, 0, 0,
                saving, BigDecimal.ZERO, fee, tariff.map(Tariff::tariffId).orElse(null), priced, note);
    }

    private NewEntry paperAfterDigital(Booking paper) {
        return new NewEntry(EntryKind.PAPER_AFTER_DIGITAL, paper.id, paper.letterId, paper.department, paper.costCentre,
                date(paper), 0, 0, 0, printCost(paper).negate(), BigDecimal.ZERO, BigDecimal.ZERO, paper.tariffId, true,
                routes.latest(paper.letterId).map(r -> "paper after digital: " + r.reason).orElse("paper after digital"));
    }

    /** A returned paper letter is counted once, in the month it came back. */
    @Transactional(Transactional.TxType.MANDATORY)
    void returned(LetterReturned returned) {
        lock.shared();
        if (ledger.hasEntry(returned.letterId(), EntryKind.RETURNED)) {
            return;
        }
        Optional<Booking> paper = bookings.find(returned.letterId(), Channel.PRINT);
        LocalDate day = LocalDate.ofInstant(returned.occurredAt(), config.timeZone());
        ledger.append(new NewEntry(EntryKind.RETURNED, paper.map(p -> p.id).orElse(null), returned.letterId(),
                returned.department(), paper.map(p -> p.costCentre).orElse(null), day, 0, 0, 1, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, null, true, null));
        metrics.counter("ledger.returned", "department", returned.department()).increment();
    }

    LocalDate date(Booking b) {
        return LocalDate.ofInstant(b.deliveredAt, config.timeZone());
    }

    private static BigDecimal printCost(Booking b) {
        BigDecimal postage = b.postage == null ? BigDecimal.ZERO : b.postage;
        BigDecimal material = b.materialCost == null ? BigDecimal.ZERO : b.materialCost;
        return Tariff.money(postage.add(material));
    }
}
