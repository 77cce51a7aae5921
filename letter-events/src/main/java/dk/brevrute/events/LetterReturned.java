package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/** A paper letter came back from the postal operator. Key: letter id. */
public record LetterReturned(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        String reason,
        String registeredBy) implements BrevruteEvent {
}
