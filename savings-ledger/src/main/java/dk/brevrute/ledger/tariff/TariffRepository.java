package dk.brevrute.ledger.tariff;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class TariffRepository implements PanacheRepositoryBase<TariffVersion, String> {

    Optional<String> idInForce(LocalDate date) {
        return getEntityManager().createQuery(
                "select t.tariffId from TariffVersion t where t.effectiveFrom <= ?1 order by t.effectiveFrom desc", String.class)
                .setParameter(1, date).setMaxResults(1).getResultList().stream().findFirst();
    }

    Optional<TariffVersion> byEffectiveFrom(LocalDate date) {
        return find("effectiveFrom", date).firstResultOptional();
    }

    Optional<LocalDate> nextEffectiveAfter(LocalDate date) {
        return getEntityManager().createQuery(
                "select min(t.effectiveFrom) from TariffVersion t where t.effectiveFrom > ?1", LocalDate.class)
                .setParameter(1, date).getResultList().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    List<TariffVersion> allByDate() {
        return list("order by effectiveFrom");
    }

    List<TariffVersion> unpublished() {
        return list("from TariffVersion t where not exists (select 1 from TariffPublication p where p.tariffId = t.tariffId) "
                + "order by t.effectiveFrom");
    }

    long count(String query) {
        return getEntityManager().createQuery(query, Long.class).getSingleResult();
    }
}
