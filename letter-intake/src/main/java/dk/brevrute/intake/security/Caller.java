package dk.brevrute.intake.security;

import jakarta.enterprise.context.RequestScoped;

import dk.brevrute.events.Department;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.intake.config.Departments;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the department comes from the token's {@code department} claim, never from the body. */
@RequestScoped
public class Caller {

    public static final String DEPARTMENT_CLAIM = "department";

    private final JsonWebToken jwt;
    private final Departments departments;

    Caller(JsonWebToken jwt, Departments departments) {
        this.jwt = jwt;
        this.departments = departments;
    }

    public Department department() {
        String claim = jwt.getClaim(DEPARTMENT_CLAIM);
        if (claim == null) {
            throw new ProblemException(403, "no-department", "No department", "the token carries no department claim");
        }
        return departments.byId(claim).orElseThrow(() -> new ProblemException(403, "department-unknown",
                "Unknown department", "the token's department is not a configured department"));
    }

    public String name() {
        return jwt.getName();
    }
}
