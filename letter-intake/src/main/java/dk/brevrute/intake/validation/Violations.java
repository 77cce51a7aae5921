package dk.brevrute.intake.validation;

import java.util.ArrayList;
import java.util.List;

import dk.brevrute.events.Violation;

/** Collects every problem of a request, one entry each, in the order found. */
public final class Violations {

    private final List<Violation> list = new ArrayList<>();

    public Violations add(ViolationCode code, String field, String message) {
        list.add(new Violation(code.name(), field, message));
        return this;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(list);
    }
}
