package dk.brevrute.kit.api;

import java.util.List;

import dk.brevrute.events.Violation;

/** Ends a request with a problem+json answer. The message must never quote personal data. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String slug, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations;
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, violations);
    }

    public int status() {
        return status;
    }
}
