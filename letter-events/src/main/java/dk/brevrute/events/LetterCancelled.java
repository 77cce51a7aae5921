package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/** The sender stopped a letter before delivery. Key: letter id. */
public record LetterCancelled(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        String reason) implements BrevruteEvent {
}
