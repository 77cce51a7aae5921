package dk.brevrute.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The small, stable status feed for sending systems, one topic per department. Key: letter id, or
 * the sender reference for a rejected request that never became a letter.
 */
public record LetterStatusChanged(
        UUID eventId,
        Instant occurredAt,
        UUID letterId,
        String department,
        String senderReference,
        Status status,
        Channel channel,
        String reason,
        BigDecimal postage) implements BrevruteEvent {

    public enum Status {
        ACCEPTED,
        REJECTED,
        ROUTED,
        DELIVERED,
        FAILED,
        READ,
        RETURNED,
        CANCELLED,
        NEEDS_REVIEW
    }
}
