package dk.brevrute.events;

import java.time.Instant;
import java.util.UUID;

/** A delivery attempt or the whole delivery failed, with its kind and reason. Key: letter id. */
public record DeliveryFailed(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        Channel channel,
        FailureKind kind,
        String reason,
        int attempts) implements BrevruteEvent {
}
