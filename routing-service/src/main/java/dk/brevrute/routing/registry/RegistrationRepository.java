package dk.brevrute.routing.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import org.hibernate.query.NativeQuery;

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
        // Native SQL with one array parameter: Hibernate translates an HQL query with an in-list again on every call.
        @SuppressWarnings("unchecked")
        List<Registration> found = getEntityManager().createNativeQuery("SELECT * FROM registration WHERE citizen_key = ANY(?1)",
                Registration.class).unwrap(NativeQuery.class).addSynchronizedEntityClass(Registration.class)
                .setParameter(1, citizenKeys.toArray(String[]::new)).getResultList();
        return found.stream().collect(Collectors.toMap(r -> r.citizenKey, Function.identity()));
    }
}
