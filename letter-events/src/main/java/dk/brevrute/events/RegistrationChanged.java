package dk.brevrute.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A citizen's Digital Post registration changed. {@code citizenKey} is the keyed hash
 * (HMAC-SHA256, hex) of the CPR number, never the number itself; it is also the record key, so the
 * compacted topic keeps the latest state per citizen. {@code exemptUntil} applies to EXEMPT.
 */
public record RegistrationChanged(
        UUID eventId,
        Instant occurredAt,
        String citizenKey,
        RegistrationStatus status,
        LocalDate exemptUntil,
        Instant changedAt) implements BrevruteEvent {
}
