package dk.brevrute.print.batch;

import jakarta.enterprise.context.RequestScoped;

import dk.brevrute.kit.api.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The operator calling: the token's subject, recorded on every step they take. */
@RequestScoped
class Operator {

    private final JsonWebToken jwt;

    Operator(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    String name() {
        String s = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        if (s == null || s.isBlank()) {
            throw new ProblemException(403, "no-subject", "No subject", "the token names no operator");
        }
        return s;
    }
}
