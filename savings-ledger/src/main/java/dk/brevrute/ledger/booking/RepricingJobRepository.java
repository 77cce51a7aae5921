package dk.brevrute.ledger.booking;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
class RepricingJobRepository implements PanacheRepository<RepricingJob> {

    Optional<RepricingJob> nextPending() {
        return find("doneAt is null order by id").firstResultOptional();
    }

    List<RepricingJob> recent(int limit) {
        return find("order by id desc").page(0, limit).list();
    }
}
