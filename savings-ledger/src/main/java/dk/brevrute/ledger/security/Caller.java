package dk.brevrute.ledger.security;

import jakarta.enterprise.context.RequestScoped;

import dk.brevrute.kit.api.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, recorded with every change finance makes. */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;

    Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String name() {
        String name = jwt.getName();
        if (name == null || name.isBlank()) {
            throw new ProblemException(403, "no-subject", "No subject", "the token names no user");
        }
        return name;
    }
}
