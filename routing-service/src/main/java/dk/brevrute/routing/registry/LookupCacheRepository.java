package dk.brevrute.routing.registry;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class LookupCacheRepository implements PanacheRepositoryBase<LookupCache, String> {

    Optional<LookupCache> fresh(String citizenKey, Instant now) {
        return findByIdOptional(citizenKey).filter(c -> c.expiresAt.isAfter(now));
    }

    void remember(String citizenKey, boolean registered, Instant now, Instant expiresAt) {
        getEntityManager().createNativeQuery("""
                INSERT INTO lookup_cache (citizen_key, registered, looked_up_at, expires_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (citizen_key) DO UPDATE SET registered = EXCLUDED.registered,
                    looked_up_at = EXCLUDED.looked_up_at, expires_at = EXCLUDED.expires_at""")
                .setParameter(1, citizenKey)
                .setParameter(2, registered)
                .setParameter(3, now)
                .setParameter(4, expiresAt)
                .executeUpdate();
    }
}
