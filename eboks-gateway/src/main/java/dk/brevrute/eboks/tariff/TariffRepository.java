package dk.brevrute.eboks.tariff;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class TariffRepository implements PanacheRepositoryBase<TariffVersion, String> {

    /** The version in force on {@code day}: the latest effective date on or before it. */
    Optional<TariffVersion> inForceOn(LocalDate day) {
        return find("effectiveFrom <= ?1 order by effectiveFrom desc, tariffId desc", day).firstResultOptional();
    }
}
