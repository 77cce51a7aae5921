package dk.brevrute.ledger.security;

import jakarta.enterprise.context.RequestScoped;

import dk.brevrute.kit.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, recorded with every change finance makes. */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;

    // The verified token is the identity's principal. Not an injected JsonWebToken: with quarkus-oidc
    // present (the page sign-in) that bean comes from quarkus-oidc and is empty for smallrye-jwt bearer tokens.
    Caller(SecurityIdentity identity) {
        this.jwt = identity.getPrincipal() instanceof JsonWebToken token ? token : null;
    }

    public String name() {
        String name = jwt == null ? null : jwt.getName();
        if (name == null || name.isBlank()) {
            throw new ProblemException(403, "no-subject", "No subject", "the token names no user");
        }
        return name;
    }
}
