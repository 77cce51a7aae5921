package dk.brevrute.ledger.tariff;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class TariffPublicationRepository implements PanacheRepositoryBase<TariffPublication, String> {
}
