package dk.brevrute.ledger.booking;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.Channel;
import dk.brevrute.events.Department;
import dk.brevrute.ledger.config.Departments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Registers the ledger's counters for every configured department at start-up, at 0, so the
 * dashboard's rates and totals exist before the first booking (Bookkeeper increments them).
 */
@Startup
@ApplicationScoped
class BookingMeters {

    BookingMeters(Departments departments, MeterRegistry registry) {
        for (Department d : departments.all()) {
            for (Channel c : Channel.values()) {
                Counter.builder("ledger.bookings").tag("channel", c.name()).tag("department", d.id()).register(registry);
            }
            for (String name : new String[] {"ledger.saving.dkk", "ledger.print.cost.dkk", "ledger.digital.fee.dkk"}) {
                Counter.builder(name).tag("department", d.id()).register(registry);
            }
        }
    }
}
