package dk.brevrute.ledger.booking;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class LetterRouteRepository implements PanacheRepositoryBase<LetterRoute, LetterRoute.Key> {

    /** The first decision: what the letter was submitted as (class, zone, pages). */
    Optional<LetterRoute> first(UUID letterId) {
        return find("letterId = ?1 order by sequence", letterId).firstResultOptional();
    }

    /** The latest decision: a paper route after a digital one says why (unread, failed). */
    Optional<LetterRoute> latest(UUID letterId) {
        return find("letterId = ?1 order by sequence desc", letterId).firstResultOptional();
    }
}
