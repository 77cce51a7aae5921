package dk.brevrute.ledger.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one clock of the ledger, so "the current month" has one definition. */
class Clocks {

    @Produces
    @Singleton
    Clock clock(LedgerConfig config) {
        return Clock.system(config.timeZone());
    }
}
