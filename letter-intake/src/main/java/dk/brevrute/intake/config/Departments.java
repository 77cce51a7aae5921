package dk.brevrute.intake.config;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dk.brevrute.events.Department;
import dk.brevrute.events.Topics;

/** The configured departments: who may send letters, and which request topic belongs to whom. */
@Singleton
public class Departments {

    private final List<Department> all;

    Departments(IntakeConfig config) {
        this.all = Department.configured(config.departments());
    }

    public List<Department> all() {
        return all;
    }

    public Optional<Department> byId(String id) {
        return all.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Department> byRequestTopic(String topic) {
        return Topics.departmentOfRequestTopic(topic, all);
    }
}
