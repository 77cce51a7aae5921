package dk.brevrute.intake.security;

import jakarta.enterprise.context.RequestScoped;

import dk.brevrute.events.Department;
import dk.brevrute.kit.api.ProblemException;
import dk.brevrute.intake.config.Departments;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the department comes from the token's {@code department} claim, never from the body. */
@RequestScoped
public class Caller {

    public static final String DEPARTMENT_CLAIM = "department";
    public static final String UNIT_CLAIM = "unit";

    private final JsonWebToken jwt;
    private final Departments departments;

    // The verified token is the identity's principal. Not an injected JsonWebToken: with quarkus-oidc
    // present (the page sign-in) that bean comes from quarkus-oidc and is empty for smallrye-jwt bearer tokens.
    Caller(SecurityIdentity identity, Departments departments) {
        this.jwt = identity.getPrincipal() instanceof JsonWebToken token ? token : null;
        this.departments = departments;
    }

    public Department department() {
        String claim = jwt == null ? null : jwt.getClaim(DEPARTMENT_CLAIM);
        if (claim == null) {
            throw new ProblemException(403, "no-department", "No department", "the token carries no department claim");
        }
        return departments.byId(claim).orElseThrow(() -> new ProblemException(403, "department-unknown",
                "Unknown department", "the token's department is not a configured department"));
    }

    /** The caller's citizen-service unit (a caseworker's token carries it in the {@code unit} claim). */
    public String unit() {
        Object claim = jwt == null ? null : jwt.getClaim(UNIT_CLAIM);
        if (claim == null || claim.toString().isBlank()) {
            throw new ProblemException(403, "no-unit", "No unit", "the token carries no unit claim");
        }
        return claim.toString();
    }

    public String name() {
        return jwt == null ? null : jwt.getName();
    }
}
