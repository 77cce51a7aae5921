package dk.brevrute.routing.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RegistrationRepository implements PanacheRepositoryBase<Registration, String> {

    public Optional<Registration> byCitizenKey(String citizenKey) {
        return findByIdOptional(citizenKey);
    }

    /** The registry's entries among these citizens, by citizen key. */
    public Map<String, Registration> byCitizenKeys(Collection<String> citizenKeys) {
        if (citizenKeys.isEmpty()) {
            return Map.of();
        }
        return find("citizenKey in ?1", citizenKeys).stream().collect(Collectors.toMap(r -> r.citizenKey, Function.identity()));
    }
}
