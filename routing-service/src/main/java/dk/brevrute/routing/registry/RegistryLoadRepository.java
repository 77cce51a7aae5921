package dk.brevrute.routing.registry;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class RegistryLoadRepository implements PanacheRepositoryBase<RegistryLoad, UUID> {
}
