package dk.brevrute.print.tariff;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class TariffRepository implements PanacheRepositoryBase<TariffVersion, String> {

    /** The version in force on {@code date}: the latest effective date not after it; of two on one date, the later published. */
    Optional<TariffVersion> inForce(LocalDate date) {
        return find("effectiveFrom <= ?1 ORDER BY effectiveFrom DESC, publishedAt DESC", date).firstResultOptional();
    }
}
