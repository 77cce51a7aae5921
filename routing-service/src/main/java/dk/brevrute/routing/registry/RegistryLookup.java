package dk.brevrute.routing.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.CitizenKey;
import dk.brevrute.events.RegistrationStatus;
import dk.brevrute.routing.config.RoutingConfig;
import dk.brevrute.routing.decision.RoutingRules.Lookup;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

/**
 * A citizen's registration: the registry (fed by the registration topic and snapshots) first, then
 * a recent SF1601 answer, then SF1601 itself for a citizen never seen.
 */
@ApplicationScoped
public class RegistryLookup {

    private static final Logger LOG = Logger.getLogger(RegistryLookup.class);

    /**
     * An answer and where it came from (for the admin view); {@code sf1601AnsweredAt} is when SF1601
     * gave it, for answers from SF1601 or its remembered answers, else null.
     */
    public record Answer(Lookup lookup, String source, Instant sf1601AnsweredAt) {
    }

    private final RegistrationRepository registrations;
    private final LookupCacheRepository cache;
    private final Sf1601Lookup sf1601;
    private final CitizenKey citizenKey;
    private final RoutingConfig config;

    RegistryLookup(RegistrationRepository registrations, LookupCacheRepository cache, Sf1601Lookup sf1601,
            CitizenKey citizenKey, RoutingConfig config) {
        this.registrations = registrations;
        this.cache = cache;
        this.sf1601 = sf1601;
        this.citizenKey = citizenKey;
        this.config = config;
    }

    /**
     * The registration of the citizen with this CPR number. {@code unavailableSince} is when the
     * letter began waiting for a look-up that has not answered (now, for a first try).
     */
    public Answer lookup(String cpr, Instant unavailableSince) {
        String key = citizenKey.of(cpr);
        Instant now = Instant.now();
        Answer known = QuarkusTransaction.joiningExisting().call(() -> known(List.of(key), now)).get(key);
        if (known != null) {
            return known;
        }
        Answer answer = askSf1601(cpr, now, unavailableSince == null ? now : unavailableSince);
        if ("sf1601".equals(answer.source())) {
            Map<String, Boolean> registered = Map.of(key, registered(answer));
            QuarkusTransaction.requiringNew().run(() -> remember(registered, now));
        }
        return answer;
    }

    /**
     * The registrations of a poll's citizens: the registry and recent SF1601 answers in one read, SF1601
     * for the others concurrently on {@code pool} (the caller bounds it), and its answers remembered in
     * one statement: a mass mailing of new citizens costs two commits per poll, not two per letter.
     * Never throws; a citizen missing from the result (the database or the pool failed) is asked for
     * again with {@link #lookup}.
     */
    public Map<String, Answer> lookupAll(Collection<String> cprs, Executor pool) {
        Instant now = Instant.now();
        Map<String, String> keyByCpr = new LinkedHashMap<>();
        for (String cpr : cprs) {
            try {
                keyByCpr.computeIfAbsent(cpr, citizenKey::of);
            } catch (IllegalArgumentException unreadable) {
                // Not a CPR number: its letter asks alone, in its transaction, and fails there on its own.
            }
        }
        Map<String, Answer> byKey;
        try {
            byKey = new HashMap<>(QuarkusTransaction.requiringNew().call(() -> known(keyByCpr.values(), now)));
        } catch (RuntimeException e) {
            LOG.warnf("registry read for %d citizens failed (%s): each letter asks again", keyByCpr.size(), e.getClass().getSimpleName());
            return Map.of();
        }
        Map<String, CompletableFuture<Answer>> asked = new LinkedHashMap<>();
        keyByCpr.forEach((cpr, key) -> {
            if (!byKey.containsKey(key) && !asked.containsKey(key)) {
                try {
                    asked.put(key, CompletableFuture.supplyAsync(() -> askSf1601(cpr, now, now), pool));
                } catch (RejectedExecutionException shuttingDown) {
                    // The pool is closed (the service is stopping): the letter asks in its own transaction.
                }
            }
        });
        Map<String, Boolean> toRemember = new LinkedHashMap<>();
        asked.forEach((key, answer) -> {
            Answer a = answer.handle((ok, failure) -> ok).join();
            if (a != null) {
                byKey.put(key, a);
                if ("sf1601".equals(a.source())) {
                    toRemember.put(key, registered(a));
                }
            }
        });
        if (!toRemember.isEmpty()) {
            try {
                QuarkusTransaction.requiringNew().run(() -> remember(toRemember, now));
            } catch (RuntimeException e) {
                LOG.warnf("%d SF1601 answers not remembered (%s); they are asked again next time", toRemember.size(),
                        e.getClass().getSimpleName());
            }
        }
        Map<String, Answer> byCpr = new HashMap<>();
        keyByCpr.forEach((cpr, key) -> {
            Answer a = byKey.get(key);
            if (a != null) {
                byCpr.put(cpr, a);
            }
        });
        return byCpr;
    }

    /** What the registry and the remembered SF1601 answers know of these citizens, by citizen key; the registry wins. */
    private Map<String, Answer> known(Collection<String> citizenKeys, Instant now) {
        Map<String, Answer> byKey = new HashMap<>();
        registrations.byCitizenKeys(citizenKeys)
                .forEach((key, r) -> byKey.put(key, new Answer(new Lookup.Known(r.status(), r.exemptUntil()), "registry", null)));
        cache.fresh(citizenKeys, now).forEach((key, c) -> byKey.putIfAbsent(key, new Answer(known(c.registered), "sf1601-cache", c.lookedUpAt)));
        return byKey;
    }

    /** SF1601's answers, asked at {@code askedAt}, trusted for {@code routing.lookup.cache-ttl}. */
    private void remember(Map<String, Boolean> registeredByKey, Instant askedAt) {
        cache.rememberAll(registeredByKey, askedAt, askedAt.plus(config.lookup().cacheTtl()));
    }

    /**
     * SF1601's answer, timed {@code askedAt} (the time it is remembered with: the moment of asking, a
     * little before the answer), or {@code Unavailable} since {@code unavailableSince} when it gives none.
     */
    private Answer askSf1601(String cpr, Instant askedAt, Instant unavailableSince) {
        try {
            return new Answer(known(sf1601.isRegistered(cpr.replace("-", ""))), "sf1601", askedAt);
        } catch (Sf1601Lookup.LookupUnavailableException | RuntimeException e) {
            LOG.warnf("registration look-up unavailable: %s", e instanceof Sf1601Lookup.LookupUnavailableException
                    ? e.getMessage() : e.getClass().getSimpleName());
            return new Answer(new Lookup.Unavailable(unavailableSince), "unavailable", null);
        }
    }

    private static boolean registered(Answer sf1601Answer) {
        return sf1601Answer.lookup() instanceof Lookup.Known k && k.status() == RegistrationStatus.REGISTERED;
    }

    private static Lookup known(boolean registered) {
        return new Lookup.Known(registered ? RegistrationStatus.REGISTERED : RegistrationStatus.UNREGISTERED, null);
    }
}
