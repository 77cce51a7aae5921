package dk.brevrute.ledger.booking;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class LetterRouteRepository implements PanacheRepositoryBase<LetterRoute, LetterRoute.Key> {

    /** The decisions recorded for {@code letterIds} (one query). */
    Set<LetterRoute.Key> keysAmong(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return Set.of();
        }
        return getEntityManager().createQuery("select r.letterId, r.sequence from LetterRoute r where r.letterId in ?1", Object[].class)
                .setParameter(1, letterIds).getResultList().stream()
                .map(row -> new LetterRoute.Key((UUID) row[0], (Integer) row[1]))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** The first decision: what the letter was submitted as (class, zone, pages). */
    Optional<LetterRoute> first(UUID letterId) {
        return find("letterId = ?1 order by sequence", letterId).firstResultOptional();
    }

    /** The latest decision: a paper route after a digital one says why (unread, failed). */
    Optional<LetterRoute> latest(UUID letterId) {
        return find("letterId = ?1 order by sequence desc", letterId).firstResultOptional();
    }
}
