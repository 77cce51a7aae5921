package dk.brevrute.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    CitizenKeyConfig citizenKey();

    interface CitizenKeyConfig {
        /** Secret of the HMAC that replaces CPR numbers in the registry and on the registration topic. */
        @WithName("secret")
        String secret();
    }
}
