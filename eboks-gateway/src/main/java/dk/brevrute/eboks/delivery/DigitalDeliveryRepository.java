package dk.brevrute.eboks.delivery;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class DigitalDeliveryRepository implements PanacheRepositoryBase<DigitalDelivery, UUID> {
}
