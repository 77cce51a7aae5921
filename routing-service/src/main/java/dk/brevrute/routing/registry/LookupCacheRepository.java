package dk.brevrute.routing.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class LookupCacheRepository implements PanacheRepositoryBase<LookupCache, String> {

    /** The fresh answers for these citizens, by citizen key. */
    Map<String, LookupCache> fresh(Collection<String> citizenKeys, Instant now) {
        if (citizenKeys.isEmpty()) {
            return Map.of();
        }
        // Native SQL with one array parameter: Hibernate translates an HQL query with an in-list again on every call.
        @SuppressWarnings("unchecked")
        List<LookupCache> found = getEntityManager().createNativeQuery("SELECT * FROM lookup_cache WHERE citizen_key = ANY(?1) AND expires_at > ?2",
                LookupCache.class).unwrap(NativeQuery.class).addSynchronizedEntityClass(LookupCache.class)
                .setParameter(1, citizenKeys.toArray(String[]::new)).setParameter(2, now).getResultList();
        return found.stream().collect(Collectors.toMap(c -> c.citizenKey, Function.identity()));
    }

    /** Remembers SF1601's answers in one statement (distinct citizen keys). */
    void rememberAll(Map<String, Boolean> registeredByKey, Instant now, Instant expiresAt) {
        if (registeredByKey.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Boolean>> answers = List.copyOf(registeredByKey.entrySet());
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < answers.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 3).append(", ?").append(2 * i + 4).append(", ?1, ?2)");
        }
        var insert = getEntityManager().createNativeQuery("INSERT INTO lookup_cache (citizen_key, registered, looked_up_at, expires_at) VALUES "
                + values + """
                 ON CONFLICT (citizen_key) DO UPDATE SET registered = EXCLUDED.registered,
                    looked_up_at = EXCLUDED.looked_up_at, expires_at = EXCLUDED.expires_at""")
                .setParameter(1, now)
                .setParameter(2, expiresAt);
        for (int i = 0; i < answers.size(); i++) {
            insert.setParameter(2 * i + 3, answers.get(i).getKey()).setParameter(2 * i + 4, answers.get(i).getValue());
        }
        insert.executeUpdate();
    }
}
