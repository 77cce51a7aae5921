package dk.brevrute.intake.unit;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class UnitRepository implements PanacheRepositoryBase<PrintUnit, String> {

    /** A department's unit; another department's unit does not exist for it. */
    public Optional<PrintUnit> ofDepartment(String id, String department) {
        return find("id = ?1 and department = ?2", id, department).firstResultOptional();
    }

    public List<PrintUnit> listOfDepartment(String department) {
        return list("department", Sort.by("id"), department);
    }

    public List<PrintUnit> active() {
        return list("active", Sort.by("id"), true);
    }
}
