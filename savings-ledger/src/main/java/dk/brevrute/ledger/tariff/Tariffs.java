package dk.brevrute.ledger.tariff;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dk.brevrute.events.Topics;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.kit.messaging.Outbox;
import dk.brevrute.ledger.ledger.LedgerLock;
import org.jboss.logging.Logger;

/**
 * The tariff versions: which one is in force on a day, adding a version (published once on
 * tariffs.published.v1 through the outbox, in the same transaction), and publishing versions that
 * never were (the shipped examples). Versions never change, so their content is cached by id; which
 * version is in force is asked of the database (once per day and transaction while the transaction
 * holds the ledger lock shared, under which no version can be added), so every replica sees a new one
 * at once.
 */
@ApplicationScoped
public class Tariffs {

    private static final Logger LOG = Logger.getLogger(Tariffs.class);

    /** Whether an add created the version or found the same one. */
    public record Added(Tariff tariff, boolean created) {
    }

    private final TariffRepository versions;
    private final TariffPublicationRepository publications;
    private final Outbox outbox;
    private final LedgerLock lock;
    private final Event<TariffAdded> added;
    private final Clock clock;
    private final ConcurrentMap<String, Tariff> byId = new ConcurrentHashMap<>();

    Tariffs(TariffRepository versions, TariffPublicationRepository publications, Outbox outbox, LedgerLock lock,
            Event<TariffAdded> added, Clock clock) {
        this.versions = versions;
        this.publications = publications;
        this.outbox = outbox;
        this.lock = lock;
        this.added = added;
        this.clock = clock;
    }

    @Transactional
    public Optional<Tariff> inForce(LocalDate date) {
        // Under the shared ledger lock (a poll's bookings) no version can be added, so it is asked once per day and transaction.
        return lock.readOnce("tariff-in-force", date, () -> versions.idInForce(date)).flatMap(this::byId);
    }

    @Transactional
    public Optional<Tariff> byId(String tariffId) {
        Tariff cached = byId.get(tariffId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return versions.findByIdOptional(tariffId).map(v -> {
            Tariff t = v.toTariff();
            byId.put(tariffId, t);
            return t;
        });
    }

    @Transactional
    public List<Tariff> all() {
        return versions.allByDate().stream().map(v -> byId(v.tariffId).orElseThrow()).toList();
    }

    /** Adds a version, once: the same id with the same prices again is answered with the stored one. */
    @Transactional
    public Added add(Tariff t) {
        lock.exclusive();
        Optional<TariffVersion> existing = versions.findByIdOptional(t.tariffId());
        if (existing.isPresent()) {
            Tariff stored = existing.get().toTariff();
            if (stored.samePrices(t)) {
                return new Added(stored, false);
            }
            throw new ProblemException(409, "tariff-exists", "Tariff version exists",
                    "tariff " + t.tariffId() + " exists with other prices; a change is a new version with its own id");
        }
        versions.byEffectiveFrom(t.effectiveFrom()).ifPresent(other -> {
            throw new ProblemException(409, "effective-date-taken", "Effective date taken",
                    "tariff " + other.tariffId + " is already in force from " + t.effectiveFrom());
        });
        TariffVersion v = TariffVersion.of(t);
        versions.persist(v);
        versions.flush();
        versions.getEntityManager().refresh(v);
        Tariff stored = v.toTariff();
        publish(stored);
        added.fire(new TariffAdded(stored.tariffId(), stored.effectiveFrom(),
                versions.nextEffectiveAfter(stored.effectiveFrom()).orElse(null)));
        LOG.infof("tariff %s in force from %s added by %s", stored.tariffId(), stored.effectiveFrom(), stored.createdBy());
        return new Added(stored, true);
    }

    /**
     * Publishes every version not yet published (the migrations' examples, or versions from before
     * the topic existed). Replicas starting together queue on the lock; the second finds nothing left.
     */
    @Transactional
    public int publishUnpublished() {
        lock.exclusive();
        List<TariffVersion> pending = versions.unpublished();
        for (TariffVersion v : pending) {
            publish(v.toTariff());
            LOG.infof("tariff %s published", v.tariffId);
        }
        return pending.size();
    }

    private void publish(Tariff t) {
        UUID eventId = UUID.randomUUID();
        outbox.append(Topics.TARIFFS_PUBLISHED, t.tariffId(), t.toEvent(eventId, clock.instant()));
        TariffPublication p = new TariffPublication();
        p.tariffId = t.tariffId();
        p.eventId = eventId;
        publications.persist(p);
    }
}
