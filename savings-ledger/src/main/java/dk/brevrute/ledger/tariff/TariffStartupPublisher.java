package dk.brevrute.ledger.tariff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** At start-up, every version not yet on tariffs.published.v1 goes there (the compacted topic holds them all). */
@ApplicationScoped
class TariffStartupPublisher {

    private final Tariffs tariffs;

    TariffStartupPublisher(Tariffs tariffs) {
        this.tariffs = tariffs;
    }

    void onStart(@Observes StartupEvent start) {
        tariffs.publishUnpublished();
    }
}
