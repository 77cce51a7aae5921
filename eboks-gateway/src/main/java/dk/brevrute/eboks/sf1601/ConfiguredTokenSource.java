package dk.brevrute.eboks.sf1601;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.eboks.config.GatewayConfig;
import io.quarkus.arc.DefaultBean;
import org.jboss.logging.Logger;

/** The default token source: one static token from configuration. */
@ApplicationScoped
@DefaultBean
class ConfiguredTokenSource implements Sf1601TokenSource {

    private static final Logger LOG = Logger.getLogger(ConfiguredTokenSource.class);

    private final Optional<String> token;

    ConfiguredTokenSource(GatewayConfig config) {
        this.token = config.sf1601().token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            LOG.warn("no SF1601 access token configured (GATEWAY_SF1601_TOKEN): requests carry no Authorization header");
        }
    }

    @Override
    public Optional<String> bearerToken() {
        return token;
    }
}
