package dk.brevrute.routing.decision;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class RoutingDecisionRepository implements PanacheRepositoryBase<RoutingDecision, RoutingDecision.Key> {

    List<RoutingDecision> forLetter(UUID letterId) {
        return list("key.letterId = ?1 order by key.sequence", letterId);
    }
}
