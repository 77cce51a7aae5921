package dk.brevrute.ledger.booking;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.query.NativeQuery;

@ApplicationScoped
class LetterRouteRepository implements PanacheRepositoryBase<LetterRoute, LetterRoute.Key> {

    /** The decisions recorded for {@code letterIds} (one query). */
    Set<LetterRoute.Key> keysAmong(Collection<UUID> letterIds) {
        if (letterIds.isEmpty()) {
            return Set.of();
        }
        // Native SQL with one array parameter: Hibernate translates an HQL query with an in-list again on every call.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT letter_id, sequence FROM letter_route WHERE letter_id = ANY(?1)")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("letter_route")
                .setParameter(1, letterIds.toArray(UUID[]::new)).getResultList();
        return rows.stream()
                .map(row -> new LetterRoute.Key((UUID) row[0], ((Number) row[1]).intValue()))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** The first decision: what the letter was submitted as (class, zone, pages). */
    Optional<LetterRoute> first(UUID letterId) {
        return find("letterId = ?1 order by sequence", letterId).firstResultOptional();
    }

    /** The first decision of each of these letters that has one, by letter, in one statement. */
    Map<UUID, LetterRoute> firstAmong(Collection<UUID> letterIds) {
        @SuppressWarnings("unchecked")
        List<LetterRoute> found = getEntityManager().createNativeQuery(
                "SELECT DISTINCT ON (letter_id) * FROM letter_route WHERE letter_id = ANY(?1) ORDER BY letter_id, sequence")
                .unwrap(NativeQuery.class).addEntity("letter_route", LetterRoute.class)
                .setParameter(1, letterIds.toArray(UUID[]::new)).getResultList();
        return found.stream().collect(Collectors.toMap(r -> r.letterId, r -> r));
    }

    /** The latest decision: a paper route after a digital one says why (unread, failed). */
    Optional<LetterRoute> latest(UUID letterId) {
        return find("letterId = ?1 order by sequence desc", letterId).firstResultOptional();
    }
}
