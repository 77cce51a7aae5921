package dk.brevrute.ledger.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dk.brevrute.events.Department;

/** The configured departments, in the order reports list them. */
@Singleton
public class Departments {

    private final List<Department> all;

    Departments(LedgerConfig config) {
        this.all = config.departments()
                .map(entries -> parse(String.join("\n", entries)))
                .orElseGet(Department::defaults);
    }

    private static List<Department> parse(String csv) {
        try {
            return Department.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Department> all() {
        return all;
    }

    public Optional<Department> byId(String id) {
        return all.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
