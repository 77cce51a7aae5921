package dk.brevrute.simulator.sf1601;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.simulator.config.SimulatorConfig;

/** The access-token check of the simulated services (see {@link SimulatorConfig.Auth}). */
@ApplicationScoped
public class Sf1601Auth {

    private final Optional<String> expected;

    Sf1601Auth(SimulatorConfig config) {
        this.expected = config.auth().token();
    }

    /** Whether the request may pass; {@code tokenRequired} for the SF1601 services. */
    public boolean allows(String authorization, boolean tokenRequired) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        if (expected.isPresent()) {
            return expected.get().equals(token);
        }
        return !tokenRequired || (token != null && !token.isEmpty());
    }
}
