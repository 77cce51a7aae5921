package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/** The recipient opened a digital letter (from the platform's status message). Key: letter id. */
public record LetterRead(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        Instant readAt,
        String transactionId) implements BrevruteEvent {
}
