package dk.brevrute.ledger.config;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dk.brevrute.events.Department;

/** The configured departments, in the order reports list them. */
@Singleton
public class Departments {

    private final List<Department> all;

    Departments(LedgerConfig config) {
        this.all = Department.configured(config.departments());
    }

    public List<Department> all() {
        return all;
    }

    public Optional<Department> byId(String id) {
        return all.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
