package dk.brevrute.routing.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dk.brevrute.events.CitizenKey;

class CitizenKeyProducer {

    @Produces
    @Singleton
    CitizenKey citizenKey(RoutingConfig config) {
        return new CitizenKey(config.citizenKey().secret());
    }
}
