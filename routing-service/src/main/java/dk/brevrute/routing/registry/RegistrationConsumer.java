package dk.brevrute.routing.registry;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dk.brevrute.events.RegistrationChanged;
import dk.brevrute.kit.messaging.EventProcessor;
import dk.brevrute.kit.messaging.PoisonRecordException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the latest registration state per citizen. The topic is compacted and may be replayed, so
 * an older change never overwrites a newer one.
 */
@ApplicationScoped
class RegistrationConsumer {

    static final String CONSUMER = "routing-service.registrations-changed";

    private final EventProcessor processor;
    private final RegistrationRepository registrations;

    RegistrationConsumer(EventProcessor processor, RegistrationRepository registrations) {
        this.processor = processor;
        this.registrations = registrations;
    }

    @Incoming("registrations-changed")
    @Blocking
    void onChanged(String json) {
        processor.process(CONSUMER, json, RegistrationChanged.class, this::apply);
    }

    void apply(RegistrationChanged changed) {
        if (changed.citizenKey() == null || !changed.citizenKey().matches("[0-9a-f]{64}")) {
            throw new PoisonRecordException("RegistrationChanged " + changed.eventId() + " without a valid citizenKey");
        }
        if (changed.status() == null) {
            throw new PoisonRecordException("RegistrationChanged " + changed.eventId() + " without status");
        }
        Instant changedAt = changed.changedAt() != null ? changed.changedAt() : changed.occurredAt();
        Registration current = registrations.findById(changed.citizenKey());
        if (current == null) {
            current = new Registration();
            current.citizenKey = changed.citizenKey();
        } else if (current.changedAt.isAfter(changedAt)) {
            return;
        }
        current.status = changed.status();
        current.exemptUntil = changed.exemptUntil();
        current.changedAt = changedAt;
        current.eventId = changed.eventId();
        current.updatedAt = Instant.now();
        registrations.persist(current);
    }
}
