package dk.brevrute.routing.registry;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RegistrationRepository implements PanacheRepositoryBase<Registration, String> {

    public Optional<Registration> byCitizenKey(String citizenKey) {
        return findByIdOptional(citizenKey);
    }
}
