package dk.brevrute.routing.registry;

import java.time.Instant;
import java.util.Optional;

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

    /** Where an answer came from, for the admin view. */
    public record Answer(Lookup lookup, String source) {
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
        Optional<Answer> known = QuarkusTransaction.joiningExisting().call(() -> registrations.byCitizenKey(key)
                .map(r -> new Answer(new Lookup.Known(r.status(), r.exemptUntil()), "registry"))
                .or(() -> cache.fresh(key, now).map(c -> new Answer(known(c.registered), "sf1601-cache"))));
        if (known.isPresent()) {
            return known.get();
        }
        try {
            boolean registered = sf1601.isRegistered(cpr.replace("-", ""));
            QuarkusTransaction.requiringNew().run(() -> cache.remember(key, registered, now, now.plus(config.lookup().cacheTtl())));
            return new Answer(known(registered), "sf1601");
        } catch (Sf1601Lookup.LookupUnavailableException | RuntimeException e) {
            LOG.warnf("registration look-up unavailable: %s", e instanceof Sf1601Lookup.LookupUnavailableException
                    ? e.getMessage() : e.getClass().getSimpleName());
            return new Answer(new Lookup.Unavailable(unavailableSince == null ? now : unavailableSince), "unavailable");
        }
    }

    private static Lookup known(boolean registered) {
        return new Lookup.Known(registered ? RegistrationStatus.REGISTERED : RegistrationStatus.UNREGISTERED, null);
    }
}
